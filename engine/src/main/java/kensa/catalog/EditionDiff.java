package kensa.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kensa.checklist.Checklist;
import kensa.checklist.Item;

/** What changed between two editions of a form, item by item; items are matched by key, not number. */
public record EditionDiff(Checklist before, Checklist after, List<Item> added, List<Change> changed,
                          List<Change> renumbered, List<Item> removed) {

    public static final String NEW = "new";
    public static final String CHANGED = "changed";

    /** An item in both editions. */
    public record Change(Item before, Item after) {}

    public static EditionDiff of(Checklist before, Checklist after) {
        Map<String, Item> old = items(before).stream().collect(Collectors.toMap(Item::getKey, Function.identity()));
        Map<String, Item> current = items(after).stream().collect(Collectors.toMap(Item::getKey, Function.identity()));
        List<Item> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<Change> renumbered = new ArrayList<>();
        for (Item item : items(after)) {
            Item was = old.get(item.getKey());
            String change = change(item, was);
            if (NEW.equals(change)) added.add(item);
            else if (CHANGED.equals(change)) changed.add(new Change(was, item));
            else if (!was.getNumber().equals(item.getNumber())) renumbered.add(new Change(was, item));
        }
        List<Item> removed = items(before).stream().filter(i -> !current.containsKey(i.getKey())).toList();
        return new EditionDiff(before, after, added, changed, renumbered, removed);
    }

    /**
     * How an item differs from the same key in the previous edition: {@link #NEW} when it had none,
     * {@link #CHANGED} when its wording or scope columns differ or it carries a change note, else null.
     */
    public static String change(Item item, Item before) {
        if (before == null) return NEW;
        boolean same = before.getText().equals(item.getText()) && item.getChangeNote() == null
                && scopes(before).equals(scopes(item));
        return same ? null : CHANGED;
    }

    public static List<String> scopes(Item item) {
        return item.getCell().stream().map(c -> String.valueOf(c.getScope())).toList();
    }

    private static List<Item> items(Checklist c) {
        return c.getSection().stream().flatMap(s -> s.getItem().stream()).toList();
    }
}
