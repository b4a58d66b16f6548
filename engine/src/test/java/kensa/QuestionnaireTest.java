package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kensa.questionnaire.Group;
import kensa.questionnaire.Question;
import kensa.questionnaire.Questionnaire;
import kensa.questionnaire.Section;
import kensa.questionnaire.When;
import kensa.serve.FacilitySchema;
import kensa.serve.FacilitySchema.Field;
import kensa.serve.FacilitySchema.Kind;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The questionnaire's definition of done, read straight from checklists/questionnaire/questionnaire.xml and
 * facility.xsd: every path exists, every field of a facility file is asked somewhere or deliberately not asked
 * (with a reason), every question says what, why and where, every condition names a field, and the answer types
 * come from the schema with Japanese labels.
 */
class QuestionnaireTest {
    static Questionnaire data;
    static FacilitySchema schema;

    /** One question as asked: its absolute path, and the conditions that guard it (with their absolute paths). */
    record Asked(String path, Question question, List<String> whenPaths) {}

    static final List<Asked> asked = new ArrayList<>();
    static final List<String> groups = new ArrayList<>();
    static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        data = new XmlFiles<>(Questionnaire.class, ServeFixture.QUESTIONNAIRE_XSD).read(ServeFixture.QUESTIONNAIRE);
        schema = FacilitySchema.load(ServeFixture.FACILITY_XSD);
        for (Section s : data.getSection()) {
            List<String> sectionWhen = whens(s.getWhen(), "");
            for (Object item : s.getQuestionOrGroupOrHeading()) {
                if (item instanceof Question q) asked.add(new Asked(abs(q.getPath(), ""), q, concat(sectionWhen, whens(q.getWhen(), ""))));
                if (item instanceof Group g) {
                    groups.add(g.getPath());
                    List<String> groupWhen = concat(sectionWhen, whens(g.getWhen(), ""));
                    if (blank(g.getAsk()) || blank(g.getWhy()) || blank(g.getWhere())) problems.add("group " + g.getPath() + ": ask/why/where");
                    for (Object inner : g.getQuestionOrHeading()) {
                        if (inner instanceof Question q) {
                            asked.add(new Asked(abs(q.getPath(), g.getPath()), q, concat(groupWhen, whens(q.getWhen(), g.getPath()))));
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyPathIsAFieldOfTheFacilitySchema() {
        List<String> wrong = new ArrayList<>(problems);
        for (Asked a : asked) {
            Field f = schema.field(a.path());
            if (f == null) wrong.add("question " + a.path() + ": not in facility.xsd");
            else if (f.kind() == Kind.ELEMENT) wrong.add("question " + a.path() + ": an element with content, not an answer");
        }
        for (String g : groups) {
            Field entry = schema.field(g);
            if (entry == null || !entry.repeated()) wrong.add("group " + g + ": not a repeated element of facility.xsd");
        }
        for (var n : data.getNotAsked()) if (schema.field(n.getPath()) == null) wrong.add("notAsked " + n.getPath() + ": not in facility.xsd");
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyConditionNamesAField() {
        List<String> wrong = new ArrayList<>();
        for (Asked a : asked) for (String w : a.whenPaths()) if (schema.field(w) == null) wrong.add(a.path() + ": when " + w);
        assertEquals(List.of(), wrong);
    }

    /** A new field of facility.xsd must be asked (or listed as not asked, with the reason) before the build passes. */
    @Test
    void everyFieldIsAskedOrDeliberatelyNotAsked() {
        Set<String> covered = new HashSet<>();
        for (Asked a : asked) covered.add(a.path());
        List<String> missing = new ArrayList<>();
        for (Field f : schema.fields().values()) {
            if (f.kind() == Kind.ELEMENT) continue; // a container: its fields are what is asked
            if (covered.contains(f.path())) continue;
            boolean notAsked = data.getNotAsked().stream().anyMatch(n -> f.path().equals(n.getPath()) || f.path().startsWith(n.getPath() + "/"));
            if (!notAsked) missing.add(f.path());
        }
        assertEquals(List.of(), missing, "fields neither asked in questionnaire.xml nor listed in its <notAsked>");
        for (var n : data.getNotAsked()) assertFalse(blank(n.getReason()), n.getPath() + ": a reason");
    }

    @Test
    void noFieldIsAskedTwice() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Asked a : asked) if (!seen.add(a.path())) twice.add(a.path());
        assertEquals(List.of(), twice);
    }

    @Test
    void everyQuestionSaysWhatWhyAndWhere() {
        List<String> wrong = new ArrayList<>();
        for (Asked a : asked) {
            Question q = a.question();
            if (blank(q.getAsk()) || blank(q.getWhy()) || blank(q.getWhere())) wrong.add(a.path());
            for (String text : new String[] {q.getAsk(), q.getWhy(), q.getWhere()}) {
                if (text != null && !text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA)) {
                    wrong.add(a.path() + ": not in Japanese: " + text);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The required fields of an entry are what adding one asks for, so each group must ask them. */
    @Test
    void everyGroupAsksWhatAnEntryRequires() {
        List<String> wrong = new ArrayList<>();
        for (String g : groups) {
            for (Field f : schema.fields().values()) {
                if (f.attribute() && f.required() && f.path().equals(g + "/@" + f.name())
                        && asked.stream().noneMatch(a -> a.path().equals(f.path()))) {
                    wrong.add(f.path());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Types and labels come from facility.xsd: はい/いいえ for booleans, the xs:documentation of each enumeration. */
    @Test
    void answerTypesAndLabelsComeFromTheSchema() {
        assertEquals(Kind.BOOLEAN, schema.field("securityOfficer/@appointed").kind());
        assertEquals(List.of("はい", "いいえ"), schema.field("securityOfficer/@appointed").choices().stream().map(FacilitySchema.Choice::label).toList());
        assertEquals(Kind.DATE, schema.field("backup/@lastRestoreTest").kind());
        assertEquals(Kind.COUNT, schema.field("passwordRules/@minLength").kind());
        assertEquals(Kind.TEXT, schema.field("devices/device/@name").kind());
        assertTrue(schema.field("devices/device/@name").required());
        assertEquals("診療所", schema.field("facilityType").label("clinic"));
        List<String> unlabelled = new ArrayList<>();
        for (Asked a : asked) {
            Field f = schema.field(a.path());
            if (f == null || f.kind() != Kind.CHOICE) continue;
            for (var c : f.choices()) {
                if (c.label().equals(c.value()) && c.value().chars().allMatch(ch -> ch < 128)) unlabelled.add(a.path() + " " + c.value());
            }
        }
        assertEquals(List.of(), unlabelled, "enumeration values without a Japanese xs:documentation label");
    }

    @Test
    void theServerLoadsIt() throws Exception {
        var q = ServeFixture.questionnaire();
        assertEquals(data.getSection().size(), q.sections().size());
        assertEquals(List.of("施設の基本", "体制", "機器と台帳", "事業者", "アカウントとパスワード", "ネットワーク", "バックアップ", "インシデント対応"),
                q.sections().stream().map(kensa.serve.Questionnaire.Section::title).toList());
    }

    private static List<String> whens(List<When> whens, String context) {
        return whens.stream().map(w -> abs(w.getPath(), context)).toList();
    }

    private static String abs(String path, String context) {
        if (path.startsWith("/")) return path.substring(1);
        return context.isEmpty() ? path : context + "/" + path;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
