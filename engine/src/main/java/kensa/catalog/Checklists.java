package kensa.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kensa.checklist.Checklist;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/**
 * The checklist editions and forms found in {@code checklists/*.xml}, and which one applies.
 * A form is filled by the facility types in its {@code appliesTo}, or by each vendor ({@link #VENDOR}).
 */
public final class Checklists {
    /** The {@code appliesTo} code of a form that each contracted vendor fills. */
    public static final String VENDOR = "vendor";

    private static final Pattern REIWA_CODE = Pattern.compile("(?:R|令和)(\\d{1,2})(?:年度版?)?");

    private final List<Checklist> all;

    private Checklists(List<Checklist> all) {
        this.all = all;
    }

    public static Checklists load(Path dir) throws InputError {
        XmlFiles<Checklist> reader = new XmlFiles<>(Checklist.class, dir.resolve("schema/checklist.xsd"));
        List<Checklist> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml") && !p.toString().endsWith(".scenarios.xml"))
                    .sorted().toList()) {
                found.add(reader.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> shared = SharedParameters.load(dir);
        for (Checklist c : found) {
            Set<String> own = c.getParameter().stream().map(kensa.checklist.Parameter::getName).collect(Collectors.toSet());
            shared.forEach((name, value) -> {
                if (own.contains(name)) return;
                kensa.checklist.Parameter p = new kensa.checklist.Parameter();
                p.setName(name);
                p.setValue(value);
                c.getParameter().add(p);
            });
        }
        found.sort(Comparator.comparing(Checklist::getFiscalYear).thenComparing(Checklist::getId));
        return new Checklists(List.copyOf(found));
    }

    /** Every form, oldest edition first. */
    public List<Checklist> all() { return all; }

    public Optional<Checklist> byId(String id) {
        return all.stream().filter(c -> c.getId().equals(id)).findFirst();
    }

    /** The short code of an edition: R7 for 令和7年度 (fiscal year 2025). */
    public static String code(Checklist c) {
        return "R" + (c.getFiscalYear() - 2018);
    }

    /** The fiscal year an edition code names: R and the 令和 year, 令和…年度版, or the year itself; empty if it names none. */
    public static Optional<Integer> fiscalYearOf(String edition) {
        String e = edition.trim().toUpperCase(Locale.ROOT);
        if (e.matches("\\d{4}")) return Optional.of(Integer.valueOf(e));
        Matcher m = REIWA_CODE.matcher(e);
        return m.matches() ? Optional.of(2018 + Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The fiscal year (April to March, named by the year it starts) a date falls in. */
    public static int fiscalYear(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    public List<Checklist> formsFor(String filler) {
        return all.stream().filter(c -> c.getAppliesTo().contains(filler)).toList();
    }

    /** When it was published: an ISO date, or only its month (YYYY-MM) when the day is not known. */
    public static String issued(Checklist form) {
        return form.getIssued() != null ? form.getIssued().toString() : form.getIssuedMonth();
    }

    /** Whether the form's items are loaded (an edition known to exist may have none yet: 項目未収録). */
    public static boolean hasItems(Checklist form) {
        return !form.getSection().isEmpty();
    }

    /** The form with items this filler uses in the edition of one fiscal year. */
    public Optional<Checklist> edition(String filler, int fiscalYear) {
        return formsFor(filler).stream().filter(c -> c.getFiscalYear() == fiscalYear && hasItems(c)).findFirst();
    }

    /**
     * The form in force on a date: the edition of the date's fiscal year; when that edition is not
     * loaded, or its items are not, the latest earlier one with items; before the first edition, the first.
     */
    public Optional<Selection> inForce(String filler, LocalDate date) {
        int year = fiscalYear(date);
        List<Checklist> forms = formsFor(filler);
        Optional<Checklist> exact = forms.stream().filter(c -> c.getFiscalYear() == year).findFirst();
        if (exact.isPresent() && hasItems(exact.get())) return Optional.of(new Selection(exact.get(), Selection.FISCAL_YEAR));
        Optional<Checklist> earlier = forms.stream().filter(c -> c.getFiscalYear() < year && hasItems(c))
                .max(Comparator.comparing(Checklist::getFiscalYear));
        if (earlier.isPresent()) {
            return Optional.of(exact.isPresent() ? new Selection(earlier.get(), Selection.ITEMS_NOT_LOADED, exact.get())
                    : new Selection(earlier.get(), Selection.LATEST_AVAILABLE));
        }
        return forms.stream().filter(Checklists::hasItems).findFirst().map(c -> new Selection(c, Selection.EARLIEST_AVAILABLE));
    }

    /** The same filler's form in the closest earlier edition with items, against which changes are marked. */
    public Optional<Checklist> previous(Checklist form) {
        return all.stream()
                .filter(c -> c.getFiscalYear() < form.getFiscalYear() && hasItems(c)
                        && c.getAppliesTo().stream().anyMatch(form.getAppliesTo()::contains))
                .max(Comparator.comparing(Checklist::getFiscalYear));
    }
}
