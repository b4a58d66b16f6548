package kensa.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kensa.serve.Questionnaire.Condition;
import kensa.serve.Questionnaire.Group;
import kensa.serve.Questionnaire.Part;
import kensa.serve.Questionnaire.Question;
import kensa.serve.Questionnaire.Run;
import kensa.serve.Questionnaire.Section;
import org.w3c.dom.Element;

/**
 * The screens of one facility file in order, from the questionnaire and the answers so far: a section whose
 * conditions fail is skipped, and so is a screen with no question left to ask. This is the one place where
 * the questionnaire's conditions are evaluated.
 */
final class Flow {
    /** section-part, or section-part-entry: the entry by its id (e3), or by its position (3) in links made before ids. */
    private static final Pattern KEY = Pattern.compile("([a-z]+)-(\\d{1,3})(?:-(\\d{1,4}|[a-z][a-z0-9]{0,15}))?");

    /**
     * One screen: a run of questions or a group's list ({@code entry} 0), or one entry of a group ({@code entry} n ≥ 1,
     * {@code context} its element). {@code key} is what the URL carries: "devices-2" or "devices-2-e1" (the entry's id).
     */
    record Screen(String key, Section section, int sectionIndex, Part part, int partIndex, int entry, Element context) {
        boolean isList() { return part instanceof Group && entry == 0; }
        boolean isEntry() { return entry > 0; }
        Group group() { return part instanceof Group g ? g : null; }
        String contextPath() { return isEntry() ? group().path() : ""; }
    }

    private final Questionnaire questionnaire;
    private final FacilityDoc doc;

    Flow(Questionnaire questionnaire, FacilityDoc doc) {
        this.questionnaire = questionnaire;
        this.doc = doc;
    }

    boolean applies(Section s) {
        return holds(s.when(), null);
    }

    /** Every screen to show, in order. */
    List<Screen> screens() {
        List<Screen> out = new ArrayList<>();
        for (int number = 0; number < questionnaire.sections().size(); number++) {
            Section s = questionnaire.sections().get(number);
            if (!applies(s)) continue;
            for (int p = 0; p < s.parts().size(); p++) {
                Part part = s.parts().get(p);
                if (part instanceof Run run) {
                    if (!visible(run.questions(), null).isEmpty()) out.add(new Screen(s.id() + "-" + p, s, number, run, p, 0, null));
                } else if (part instanceof Group g && holds(g.when(), null)) {
                    out.add(new Screen(s.id() + "-" + p, s, number, g, p, 0, null));
                    List<Element> entries = doc.elements(doc.root(), g.path());
                    for (int i = 0; i < entries.size(); i++) {
                        if (!visible(g.questions(), entries.get(i)).isEmpty()) {
                            out.add(new Screen(entryKey(s, p, entries.get(i), i), s, number, g, p, i + 1, entries.get(i)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The sections that apply, in order. */
    List<Section> applicableSections() {
        return questionnaire.sections().stream().filter(this::applies).toList();
    }

    /** The screen a key names, whether or not it is in the flow now; null for a key that names nothing. */
    Screen screen(String key) {
        Matcher m = KEY.matcher(key == null ? "" : key);
        if (!m.matches()) return null;
        Section s = questionnaire.section(m.group(1));
        if (s == null) return null;
        int p = Integer.parseInt(m.group(2));
        if (p >= s.parts().size()) return null;
        Part part = s.parts().get(p);
        int number = questionnaire.sections().indexOf(s);
        if (m.group(3) == null) return new Screen(key, s, number, part, p, 0, null);
        if (!(part instanceof Group g)) return null;
        List<Element> entries = doc.elements(doc.root(), g.path());
        int entry = entryIndex(entries, m.group(3)) + 1;
        if (entry < 1) return null;
        return new Screen(entryKey(s, p, entries.get(entry - 1), entry - 1), s, number, part, p, entry, entries.get(entry - 1));
    }

    /** An entry's screen key: by its id where it has one (every entry serve has read has), else by position. */
    static String entryKey(Section s, int part, Element entry, int index) {
        String id = FacilityDoc.id(entry);
        return s.id() + "-" + part + "-" + (id.isEmpty() ? String.valueOf(index + 1) : id);
    }

    /** The position (from 0) of the entry an id or a 1-based position names, or -1. */
    static int entryIndex(List<Element> entries, String idOrPosition) {
        if (idOrPosition.matches("\\d+")) {
            int n = Integer.parseInt(idOrPosition);
            return n >= 1 && n <= entries.size() ? n - 1 : -1;
        }
        for (int i = 0; i < entries.size(); i++) if (FacilityDoc.id(entries.get(i)).equals(idOrPosition)) return i;
        return -1;
    }

    /** The order of screens: by section, part, then entry. */
    static int compare(Screen a, Screen b) {
        if (a.sectionIndex() != b.sectionIndex()) return Integer.compare(a.sectionIndex(), b.sectionIndex());
        if (a.partIndex() != b.partIndex()) return Integer.compare(a.partIndex(), b.partIndex());
        return Integer.compare(a.entry(), b.entry());
    }

    /** The questions of a screen whose conditions hold now. */
    List<Question> visible(Screen screen) {
        if (screen.isList()) return List.of();
        List<Question> all = screen.part() instanceof Run run ? run.questions() : screen.group().questions();
        return visible(all, screen.context());
    }

    List<Question> visible(List<Question> questions, Element entry) {
        return questions.stream().filter(q -> holds(q.when(), entry)).toList();
    }

    /**
     * All conditions hold (none: true). A relative path is read from the entry. A field's values are its attribute
     * values or element texts; an element path ("vendors/vendor") has one value per element, so present="true"
     * means "the list has entries".
     */
    boolean holds(List<Condition> conditions, Element entry) {
        for (Condition c : conditions) {
            Element context = c.relative() && entry != null ? entry : doc.root();
            List<String> values = doc.values(context, c.path());
            if (c.present() != null && c.present() == values.isEmpty()) return false;
            if (c.equals() != null && !values.contains(c.equals())) return false;
            if (c.notEquals() != null && values.contains(c.notEquals())) return false;
        }
        return true;
    }
}
