package kensa.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kensa.assess.Assessment;
import kensa.facts.Facility;
import kensa.render.Reports;
import kensa.rulebase.Wareki;
import kensa.serve.FacilitySchema.Field;
import kensa.serve.Flow.Screen;
import kensa.serve.Questionnaire.Group;
import kensa.serve.Questionnaire.Heading;
import kensa.serve.Questionnaire.Question;
import kensa.serve.Questionnaire.Run;
import kensa.serve.Questionnaire.Section;
import kensa.xml.InputError;
import org.w3c.dom.Element;

/**
 * The pages of `kensa serve`: the start page with the data folder's files, the questionnaire's screens (one section
 * part or one list entry each, with the section list and each entry's progress), the result page, the reports and the
 * download of the facility file. They read; {@link Editing} writes.
 */
final class Pages {
    private final Site site;

    Pages(Site site) {
        this.site = site;
    }

    void startPage(HttpExchange ex, Map<String, String> values, Map<String, String> errors, String notice, int status) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        Field type = site.questionnaire.schema().field("facilityType");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        for (Store.Entry e : site.store.list()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", e.id() == null ? "" : e.id());
            f.put("file", e.file());
            f.put("name", e.name() == null ? "" : e.name());
            f.put("type", e.type() == null ? "" : type.label(e.type()));
            f.put("date", e.assessmentDate() == null ? "" : wareki(e.assessmentDate()));
            f.put("modified", time.format(e.modified().toInstant()));
            f.put("problem", e.problem() == null ? "" : e.problem());
            files.add(f);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "kensa 質問票");
        model.put("files", files);
        model.put("dataDir", site.store.dir().toString());
        model.put("types", choices(type));
        model.put("nameQuestion", question("name"));
        model.put("typeQuestion", question("facilityType"));
        model.put("values", values);
        model.put("errors", errors == null ? Map.of() : errors);
        model.put("notice", notice == null ? "" : notice);
        site.sendPage(ex, status, "serve/start.ftlh", model);
    }

    private Map<String, Object> question(String path) {
        for (Section s : site.questionnaire.sections()) {
            for (var part : s.parts()) {
                if (part instanceof Run run) {
                    for (Question q : run.questions()) if (q.path().equals(path)) return Map.of("ask", q.ask(), "why", q.why(), "where", q.where());
                }
            }
        }
        Field f = site.questionnaire.schema().field(path);
        return Map.of("ask", f.documentation() == null ? path : f.documentation(), "why", "", "where", "");
    }

    void screenPage(HttpExchange ex, String id, FacilityDoc doc, Flow flow, Screen screen, Form submitted,
                            Map<String, String> errors, String notice, int status) throws IOException {
        List<Screen> screens = flow.screens();
        int index = indexOf(screens, screen);
        Map<String, Object> model = new LinkedHashMap<>();
        String name = doc.value(doc.root(), "name");
        model.put("title", screen.section().title() + " — " + name);
        model.put("id", id);
        model.put("facilityName", name);
        model.put("key", screen.key());
        model.put("version", doc.version() == null ? "" : doc.version());
        model.put("section", Map.of("title", screen.section().title(), "intro", screen.section().intro() == null ? "" : screen.section().intro()));
        List<Section> applicable = flow.applicableSections();
        model.put("sectionNumber", applicable.indexOf(screen.section()) + 1);
        model.put("sectionCount", applicable.size());
        model.put("screenNumber", index + 1);
        model.put("screenCount", screens.size());
        model.put("percent", screens.isEmpty() ? 0 : Math.round(100.0 * (index + 1) / screens.size()));
        model.put("inFlow", index >= 0 && screens.get(index).key().equals(screen.key()));
        model.put("nav", nav(flow, screens, doc, screen));
        model.put("notice", notice == null ? "" : notice);
        model.put("errors", errors);
        model.put("first", index <= 0);
        Group group = screen.group();
        if (group != null) {
            List<Element> entries = doc.elements(doc.root(), group.path());
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("entryName", group.entryName());
            g.put("ask", group.ask());
            g.put("why", group.why());
            g.put("where", group.where());
            g.put("count", entries.size());
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String entryKey = Flow.entryKey(screen.section(), screen.partIndex(), entries.get(i), i);
                // How many of this entry's questions are answered, counted as the section list counts them.
                int[] progress = screens.stream().filter(x -> x.key().equals(entryKey)).findFirst()
                        .map(x -> progress(flow, x, doc)).orElse(new int[] {0, 0});
                list.add(Map.of("number", i + 1, "label", entryLabel(group, entries.get(i), doc), "key", entryKey,
                        "id", FacilityDoc.id(entries.get(i)), "answered", progress[0], "asked", progress[1]));
            }
            g.put("entries", list);
            if (screen.isEntry()) g.put("entry", Map.of("number", screen.entry(), "label", entryLabel(group, screen.context(), doc)));
            String state = doc.elements(doc.root(), group.listPath()).isEmpty() ? "" : entries.isEmpty() ? "false" : "true";
            g.put("state", submitted != null && submitted.has("list") ? submitted.get("list") : state);
            List<Map<String, Object>> add = new ArrayList<>();
            for (Question q : group.required()) add.add(questionModel(q, Answers.NEW, null, submitted, errors, add.size(), doc));
            g.put("add", add);
            model.put("group", g);
        }
        model.put("items", items(flow, screen, doc, submitted, errors));
        site.sendPage(ex, status, "serve/screen.ftlh", model);
    }

    private List<Map<String, Object>> items(Flow flow, Screen screen, FacilityDoc doc, Form submitted, Map<String, String> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (screen.isList()) return out;
        List<Object> all = screen.part() instanceof Run run ? run.items() : screen.group().items();
        List<Question> visible = flow.visible(screen);
        Map<String, Object> pendingHeading = null;
        for (Object item : all) {
            if (item instanceof Heading h) {
                pendingHeading = Map.of("heading", h.text());
            } else if (item instanceof Question q && visible.contains(q)) {
                if (pendingHeading != null) out.add(pendingHeading);
                pendingHeading = null;
                out.add(questionModel(q, Answers.ANSWER, screen.context(), submitted, errors, out.size(), doc));
            }
        }
        return out;
    }

    private Map<String, Object> questionModel(Question q, String prefix, Element context, Form submitted, Map<String, String> errors,
                                              int n, FacilityDoc doc) {
        String key = prefix + q.relPath();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", key);
        m.put("id", (prefix.equals(Answers.NEW) ? "new" : "q") + n);
        m.put("ask", q.ask());
        m.put("why", q.why());
        m.put("where", q.where());
        m.put("kind", q.field().kind().name().toLowerCase());
        m.put("choices", choices(q.field()));
        m.put("required", q.field().required());
        String value = submitted != null && submitted.has(key) ? submitted.get(key)
                : context == null && prefix.equals(Answers.NEW) ? "" : doc.value(context == null ? doc.root() : context, q.relPath());
        m.put("value", value == null ? "" : value);
        m.put("error", errors.getOrDefault(key, ""));
        return m;
    }

    private static List<Map<String, String>> choices(Field f) {
        return f.choices().stream().map(c -> Map.of("value", c.value(), "label", c.label())).toList();
    }

    private static String entryLabel(Group group, Element entry, FacilityDoc doc) {
        StringBuilder label = new StringBuilder(String.valueOf(doc.value(entry, "@name")));
        for (Question q : group.required()) {
            if (q.field().kind() != FacilitySchema.Kind.CHOICE) continue;
            String v = doc.value(entry, q.relPath());
            if (v == null) continue;
            String l = q.field().label(v);
            int paren = l.indexOf('(');
            label.append("(").append(paren > 0 ? l.substring(0, paren) : l).append(")");
        }
        return label.toString();
    }

    /** The section list: each section with its first screen, how many of its questions are answered, and whether it applies. */
    private List<Map<String, Object>> nav(Flow flow, List<Screen> screens, FacilityDoc doc, Screen current) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Section s : site.questionnaire.sections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title());
            m.put("current", s == current.section());
            List<Screen> mine = screens.stream().filter(x -> x.section() == s).toList();
            m.put("applies", !mine.isEmpty());
            m.put("key", mine.isEmpty() ? "" : mine.get(0).key());
            int asked = 0;
            int answered = 0;
            for (Screen x : mine) {
                int[] progress = progress(flow, x, doc);
                answered += progress[0];
                asked += progress[1];
            }
            m.put("asked", asked);
            m.put("answered", answered);
            out.add(m);
        }
        return out;
    }

    /** A screen's questions: how many are answered and how many asked (a list screen asks one: whether there are any). */
    private static int[] progress(Flow flow, Screen x, FacilityDoc doc) {
        if (x.isList()) return new int[] {doc.elements(doc.root(), x.group().listPath()).isEmpty() ? 0 : 1, 1};
        int asked = 0;
        int answered = 0;
        for (Question q : flow.visible(x)) {
            asked++;
            if (doc.value(x.context() == null ? doc.root() : x.context(), q.relPath()) != null) answered++;
        }
        return new int[] {answered, asked};
    }

    /** Where a screen stands in the flow: its index, or for a screen not in the flow now, the one before it. */
    private static int indexOf(List<Screen> screens, Screen screen) {
        int found = -1;
        for (int i = 0; i < screens.size(); i++) {
            int c = Flow.compare(screens.get(i), screen);
            if (c == 0) return i;
            if (c < 0) found = i;
        }
        return found;
    }


    private Assessment assess(String id) throws Refusal {
        try {
            return assessFile(id);
        } catch (InputError e) {
            throw new Refusal(422, "評価できませんでした: " + e.problem() + " " + e.fix());
        }
    }

    /** The assessment `kensa assess FILE` makes of the saved file (ServeTest checks the JSON is the CLI's). */
    private Assessment assessFile(String id) throws InputError {
        Path file = site.store.file(id);
        Facility facility = site.reader.read(file, null);
        return site.settings.assessor().assess(facility, file, site.settings.plans().choose(file, facility));
    }

    void resultPage(HttpExchange ex, String id) throws IOException, Refusal {
        FacilityDoc doc = site.read(id);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "結果 — " + doc.value(doc.root(), "name"));
        model.put("id", id);
        model.put("facilityName", doc.value(doc.root(), "name"));
        List<Screen> screens = new Flow(site.questionnaire, doc).screens();
        model.put("lastKey", screens.isEmpty() ? "" : screens.get(screens.size() - 1).key());
        model.put("firstKey", screens.isEmpty() ? "" : screens.get(0).key());
        Assessment assessment;
        try {
            assessment = assessFile(id);
        } catch (InputError e) {
            model.put("problem", e.problem() + " " + e.fix());
            site.sendPage(ex, 200, "serve/result.ftlh", model);
            return;
        }
        model.put("a", Reports.asTree(assessment)); // the report templates' data
        model.put("s", Reports.shortReport(assessment));
        model.put("problem", "");
        site.sendPage(ex, 200, "serve/result.ftlh", model);
    }

    void report(HttpExchange ex, String id, String format) throws IOException, Refusal {
        site.read(id);
        Assessment assessment = assess(id);
        // The short report and the detail report link to each other, as they do side by side in an output folder.
        Map<String, String> links = Map.of("html", "/f/" + id + "/report", "detail.html", "/f/" + id + "/detail");
        String html = site.templates.render(assessment, List.of(format), links).get(format);
        site.send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** The facility file, saved under the facility's name and assessment date (the id stays as the plain-ASCII fallback). */
    void download(HttpExchange ex, String id) throws IOException, Refusal {
        site.read(id);
        Assessment assessment = assess(id);
        String name = kensa.batch.OutputNames.base(java.nio.file.Path.of(assessment.facility().name() + "_"
                + (assessment.assessedOn() == null ? "" : assessment.assessedOn()) + ".xml")) + ".xml";
        byte[] xml = Files.readAllBytes(site.store.file(id));
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + ".xml\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        site.send(ex, 200, "application/xml; charset=utf-8", xml);
    }

    private static String wareki(String iso) {
        try {
            return Wareki.dateOrMonth(iso);
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
