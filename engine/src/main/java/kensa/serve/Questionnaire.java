package kensa.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/**
 * The questionnaire of checklists/questionnaire.xml joined with facility.xsd: each question knows its field's
 * type and labels. Paths are stored absolute from the facility element ("devices/device/@kind"); a question
 * of a group also keeps its path relative to the entry ("@kind").
 */
public final class Questionnaire {
    /** A condition of questionnaire.xml; {@code path} is absolute, or relative to the entry when {@code relative}. */
    public record Condition(String path, boolean relative, String equals, String notEquals, Boolean present) {}

    /** One question: {@code relPath} from its context (the facility, or one entry of a group). */
    public record Question(String path, String relPath, FacilitySchema.Field field, String ask, String why, String where,
                           List<Condition> when) {}

    public record Heading(String text) {}

    /** A part of a section: a run of questions (and headings) on one screen, or a group. */
    public sealed interface Part permits Run, Group {}

    public record Run(List<Object> items) implements Part {
        public List<Question> questions() {
            return items.stream().filter(Question.class::isInstance).map(Question.class::cast).toList();
        }
    }

    /**
     * A repeated element: {@code path} "devices/device", its list element {@code listPath} "devices". The items
     * are asked about each entry; the required ones are also asked when an entry is added.
     */
    public record Group(String path, String listPath, String entryName, FacilitySchema.Field list, String ask, String why,
                        String where, List<Condition> when, List<Object> items) implements Part {
        public List<Question> questions() {
            return items.stream().filter(Question.class::isInstance).map(Question.class::cast).toList();
        }

        public List<Question> required() {
            return questions().stream().filter(q -> q.field().required() && q.relPath().startsWith("@")).toList();
        }
    }

    public record Section(String id, String title, String intro, List<Condition> when, List<Part> parts) {}

    public record NotAsked(String path, String reason) {}

    private final List<Section> sections;
    private final List<NotAsked> notAsked;
    private final FacilitySchema schema;

    private Questionnaire(List<Section> sections, List<NotAsked> notAsked, FacilitySchema schema) {
        this.sections = sections;
        this.notAsked = notAsked;
        this.schema = schema;
    }

    public List<Section> sections() { return sections; }
    public List<NotAsked> notAsked() { return notAsked; }
    public FacilitySchema schema() { return schema; }

    public Section section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** Reads and checks questionnaire.xml against its XSD, and every path against facility.xsd. */
    public static Questionnaire load(Path questionnaireXml, Path questionnaireXsd, FacilitySchema schema) throws InputError {
        kensa.questionnaire.Questionnaire data =
                new XmlFiles<>(kensa.questionnaire.Questionnaire.class, questionnaireXsd).read(questionnaireXml);
        List<String> problems = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        for (kensa.questionnaire.Section s : data.getSection()) {
            List<Part> parts = new ArrayList<>();
            List<Object> run = new ArrayList<>();
            for (Object item : s.getQuestionOrGroupOrHeading()) {
                if (item instanceof kensa.questionnaire.Group g) {
                    if (!run.isEmpty()) parts.add(new Run(List.copyOf(run)));
                    run.clear();
                    parts.add(group(g, schema, problems));
                } else {
                    run.add(item(item, "", schema, problems));
                }
            }
            if (!run.isEmpty()) parts.add(new Run(List.copyOf(run)));
            sections.add(new Section(s.getId(), s.getTitle(), s.getIntro(), conditions(s.getWhen(), null, schema, problems), List.copyOf(parts)));
        }
        List<NotAsked> notAsked = data.getNotAsked().stream().map(n -> new NotAsked(n.getPath(), n.getReason())).toList();
        for (NotAsked n : notAsked) {
            if (schema.field(n.path()) == null) problems.add("notAsked: facility.xsd にないパス " + n.path());
        }
        if (!problems.isEmpty()) {
            throw new InputError(questionnaireXml, String.join("; ", problems),
                    "パスは checklists/schema/facility.xsd の要素名・属性名で、施設の要素から書きます(例: securityOfficer/@appointed)。");
        }
        return new Questionnaire(List.copyOf(sections), notAsked, schema);
    }

    private static Group group(kensa.questionnaire.Group g, FacilitySchema schema, List<String> problems) {
        String path = g.getPath();
        FacilitySchema.Field entry = schema.field(path);
        int slash = path.lastIndexOf('/');
        String listPath = slash < 0 ? "" : path.substring(0, slash);
        FacilitySchema.Field list = schema.field(listPath);
        if (entry == null || !entry.repeated() || list == null || !list.list()) {
            problems.add("group " + path + ": facility.xsd の繰り返す要素(例: devices/device)ではありません");
        }
        List<Object> items = new ArrayList<>();
        for (Object item : g.getQuestionOrHeading()) items.add(item(item, path, schema, problems));
        return new Group(path, listPath, g.getEntry(), list, g.getAsk(), g.getWhy(), g.getWhere(),
                conditions(g.getWhen(), null, schema, problems), List.copyOf(items));
    }

    private static Object item(Object item, String context, FacilitySchema schema, List<String> problems) {
        if (item instanceof kensa.questionnaire.Heading h) return new Heading(h.getValue());
        kensa.questionnaire.Question q = (kensa.questionnaire.Question) item;
        String rel = q.getPath();
        String path = absolute(rel, context);
        FacilitySchema.Field field = schema.field(path);
        if (field == null || field.kind() == FacilitySchema.Kind.ELEMENT) {
            problems.add("question " + path + ": facility.xsd に回答できる要素・属性としてありません");
        }
        return new Question(path, rel.startsWith("/") ? rel.substring(1) : rel, field, q.getAsk(), q.getWhy(), q.getWhere(),
                conditions(q.getWhen(), context.isEmpty() ? null : context, schema, problems));
    }

    private static List<Condition> conditions(List<kensa.questionnaire.When> whens, String context, FacilitySchema schema,
                                              List<String> problems) {
        List<Condition> out = new ArrayList<>();
        for (kensa.questionnaire.When w : whens) {
            String path = w.getPath();
            boolean relative = context != null && !path.startsWith("/");
            String abs = absolute(path, context == null ? "" : context);
            if (schema.field(abs) == null) problems.add("when " + abs + ": facility.xsd にないパス");
            int tests = (w.getEquals() != null ? 1 : 0) + (w.getNotEquals() != null ? 1 : 0) + (w.getPresent() != null ? 1 : 0);
            if (tests != 1) problems.add("when " + abs + ": equals・notEquals・present のどれか一つを書いてください");
            out.add(new Condition(relative ? path : abs, relative, w.getEquals(), w.getNotEquals(), w.getPresent()));
        }
        return List.copyOf(out);
    }

    static String absolute(String path, String context) {
        if (path.startsWith("/")) return path.substring(1);
        return context.isEmpty() ? path : context + "/" + path;
    }
}
