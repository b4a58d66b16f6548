package kensa.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import kensa.serve.FacilitySchema.Field;
import kensa.serve.Flow.Screen;
import kensa.serve.Questionnaire.Group;
import kensa.serve.Questionnaire.Question;
import org.w3c.dom.Element;

/**
 * What `kensa serve` writes: a new facility file, and each screen's answers, one save at a time (a lock), never over
 * a newer version of the file than the page showed.
 */
final class Editing {
    /** Said when a save is based on an older version of the file than the one on disk. */
    static final String STALE = "この施設ファイルは、この画面を開いた後に、別の画面(別のタブや別の人)で保存されています。"
            + "上書きしないよう、この画面の変更は保存していません。いまの回答を表示しています。必要ならもう一度入力してください。";

    private final Site site;
    private final Pages pages;
    private final ReentrantLock writing = new ReentrantLock();
    /** Files whose assessment date was set by hand since the server started: saving no longer moves it to today. */
    private final Set<String> datedByHand = ConcurrentHashMap.newKeySet();

    Editing(Site site, Pages pages) {
        this.site = site;
        this.pages = pages;
    }

    void create(HttpExchange ex, Form form) throws IOException, Refusal {
        String name = Answers.normalize(form.get("name"), FacilitySchema.Kind.TEXT);
        String type = form.get("facilityType");
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) errors.put("name", "施設名を入力してください。");
        else if (name.length() > 200) errors.put("name", "施設名が長すぎます(200文字まで)。");
        Field typeField = site.questionnaire.schema().field("facilityType");
        if (type == null || typeField.choices().stream().noneMatch(c -> c.value().equals(type))) errors.put("facilityType", "施設の種類を選んでください。");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("facilityType", type == null ? "" : type);
        if (!errors.isEmpty()) {
            pages.startPage(ex, values, errors, null, 422);
            return;
        }
        String id;
        writing.lock();
        try {
            id = site.store.create(site.store.newDocument(name, type, site.today().toString()));
        } catch (Store.Problem p) {
            errors.put("name", Answers.message(site.questionnaire.schema().field("name"), p.getMessage()));
            pages.startPage(ex, values, errors, null, 422);
            return;
        } finally {
            writing.unlock();
        }
        FacilityDoc doc = site.read(id);
        List<Screen> screens = new Flow(site.questionnaire, doc).screens();
        site.redirect(ex, "/f/" + id + "/q/" + screens.get(0).key());
    }

    /**
     * Saves a screen's site.answers. The form carries the version of the file its page showed; when the file has changed
     * since (another tab or person saved, an entry was removed and the positions moved), nothing is saved and the
     * current site.answers are shown, so no save ever silently overwrites another's or lands on a different entry.
     */
    void save(HttpExchange ex, String id, String key, Form form) throws IOException, Refusal {
        boolean autosave = "1".equals(ex.getRequestHeaders().getFirst("X-Kensa-Autosave"));
        writing.lock();
        FacilityDoc doc;
        Flow flow;
        Screen screen;
        Answers.Result result;
        List<String> visibleBefore;
        boolean emptied = false;
        String version;
        try {
            doc = site.read(id);
            version = doc.version();
            if (!version.equals(form.get("version"))) {
                stale(ex, id, key, doc, autosave);
                return;
            }
            flow = new Flow(site.questionnaire, doc);
            screen = flow.screen(key);
            if (screen == null) throw new Refusal(404, "この画面はありません。最初からやり直してください。");
            visibleBefore = flow.visible(screen).stream().map(Question::path).toList();
            if (screen.isList()) {
                ListEdit edit = listEdit(doc, screen, form);
                result = edit.result();
                emptied = edit.emptied();
            } else {
                Map<String, String> errors = new LinkedHashMap<>();
                Element context = screen.context() == null ? doc.root() : screen.context();
                List<Question> questions = flow.visible(screen);
                List<Answers.Change> changes = Answers.changes(questions, form, Answers.ANSWER, doc, context, errors);
                result = errors.isEmpty() ? site.answers.apply(doc, context, screen.contextPath(), changes, fields(questions, Answers.ANSWER))
                        : new Answers.Result(doc, errors, false);
                if (result.ok() && changes.stream().anyMatch(c -> c.path().equals("assessmentDate") && screen.contextPath().isEmpty())) {
                    datedByHand.add(id);
                }
            }
            if (result.ok() && result.changed()) {
                FacilityDoc saved = result.doc();
                if (!datedByHand.contains(id)) saved.set(saved.root(), "", "assessmentDate", site.today().toString());
                try {
                    version = site.store.write(id, saved);
                } catch (Store.Problem p) {
                    result = new Answers.Result(doc, Map.of("", "保存できませんでした: " + p.getMessage()), false);
                }
            }
        } finally {
            writing.unlock();
        }
        FacilityDoc now = result.ok() ? result.doc() : doc;
        Flow after = new Flow(site.questionnaire, now);
        Screen same = after.screen(key);
        List<String> visibleAfter = same == null ? List.of() : after.visible(same).stream().map(Question::path).toList();
        boolean more = visibleAfter.stream().anyMatch(p -> !visibleBefore.contains(p));
        if (autosave) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("saved", result.ok());
            json.put("version", version);
            json.put("reload", result.ok() && (more || !visibleBefore.equals(visibleAfter)));
            json.put("errors", result.errors());
            site.send(ex, result.ok() ? 200 : 422, "application/json; charset=utf-8", Site.JSON.writeValueAsBytes(json));
            return;
        }
        if (!result.ok()) {
            pages.screenPage(ex, id, doc, flow, screen, form, result.errors(), "保存できませんでした。赤字の説明に沿って直してください(この画面の回答は保存していません)。", 422);
            return;
        }
        String action = form.get("action") == null ? "next" : form.get("action");
        String go = form.get("go");
        String base = "/f/" + id;
        if (go != null) {
            if (go.equals("result")) site.redirect(ex, base + "/result");
            else if (go.equals("start")) site.redirect(ex, "/");
            else if (after.screen(go) != null) site.redirect(ex, base + "/q/" + go);
            else site.redirect(ex, base + "/q/" + key);
            return;
        }
        if (same != null && (action.equals("add") || action.equals("remove") || action.equals("stay"))) {
            site.redirect(ex, base + "/q/" + key + (emptied ? "?emptied=1" : ""));
            return;
        }
        if (same != null && action.equals("next") && more) {
            site.redirect(ex, base + "/q/" + key + "?more=1");
            return;
        }
        List<Screen> screens = after.screens();
        Screen anchor = same != null ? same : screen;
        if (action.equals("back")) {
            Screen previous = null;
            for (Screen s : screens) if (Flow.compare(s, anchor) < 0) previous = s;
            site.redirect(ex, previous == null ? "/" : base + "/q/" + previous.key());
            return;
        }
        for (Screen s : screens) {
            if (Flow.compare(s, anchor) > 0) {
                site.redirect(ex, base + "/q/" + s.key());
                return;
            }
        }
        site.redirect(ex, base + "/result");
    }

    /** The answer to a save based on an older version: the current site.answers, and why nothing was saved. */
    private void stale(HttpExchange ex, String id, String key, FacilityDoc current, boolean autosave) throws IOException, Refusal {
        if (autosave) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("saved", false);
            json.put("conflict", true);
            json.put("message", STALE);
            json.put("errors", Map.of());
            site.send(ex, 409, "application/json; charset=utf-8", Site.JSON.writeValueAsBytes(json));
            return;
        }
        Flow flow = new Flow(site.questionnaire, current);
        Screen screen = flow.screen(key);
        if (screen == null) throw new Refusal(409, STALE + "(この画面はもうありません。一覧から開き直してください。)");
        pages.screenPage(ex, id, current, flow, screen, null, Map.of(), STALE, 409);
    }

    private static Map<String, Field> fields(List<Question> questions, String prefix) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Question q : questions) out.put(prefix + q.relPath(), q.field());
        return out;
    }

    private record ListEdit(Answers.Result result, boolean emptied) {}

    /**
     * The list screen: the list answer (はい: entries follow, いいえ: an empty list, わからない: no list), entries
     * removed ({@code remove}=n) and added (the entry's required fields). Adding an entry site.answers はい; removing
     * the last one leaves the list unanswered, never "none".
     */
    private ListEdit listEdit(FacilityDoc doc, Screen screen, Form form) {
        Group g = screen.group();
        Map<String, String> errors = new LinkedHashMap<>();
        FacilityDoc work = doc.copy();
        List<Element> entries = work.elements(work.root(), g.path());
        boolean removed = false;
        String remove = form.get("remove");
        if (remove != null) { // the entry's id (or, from an older page, its position)
            int n = Flow.entryIndex(entries, remove);
            if (n >= 0) {
                work.removeEntry(entries.get(n));
                removed = true;
            }
        }
        boolean adding = g.required().stream().anyMatch(q -> !Answers.normalize(form.get(Answers.NEW + q.relPath()), q.field().kind()).isEmpty());
        List<Answers.Change> adds = List.of();
        if (adding) {
            FacilityDoc probe = work.copy();
            Element fresh = probe.addEntry(g.path());
            adds = Answers.changes(g.required(), form, Answers.NEW, probe, fresh, errors);
            for (Question q : g.required()) {
                if (!form.has(Answers.NEW + q.relPath())) errors.put(Answers.NEW + q.relPath(), "入力してください(この項目は省けません)。");
            }
        }
        String state = form.get("list");
        if (adding) state = "true";
        int count = work.elements(work.root(), g.path()).size() + (adding ? 1 : 0);
        boolean emptied = false;
        if (state != null && errors.isEmpty()) {
            switch (state) {
                case "true" -> {
                    if (count == 0 && removed) {
                        work.removeList(g.listPath());
                        emptied = true;
                    } else if (count == 0) {
                        errors.put("list", "「はい」の場合は、下で" + g.entryName() + "の名前を入力して追加してください。");
                    }
                }
                case "false" -> {
                    if (count > 0) errors.put("list", "登録済みの" + g.entryName() + "があります。「いいえ」にするには、先に一覧から削除してください。");
                    else work.ensureList(g.listPath());
                }
                case "" -> {
                    if (count > 0) errors.put("list", "登録済みの" + g.entryName() + "があります。「わからない」にするには、先に一覧から削除してください。");
                    else work.removeList(g.listPath());
                }
                default -> errors.put("list", "選択肢から選んでください。");
            }
        }
        if (!errors.isEmpty()) return new ListEdit(new Answers.Result(doc, errors, false), false);
        if (adding) {
            Element entry = work.addEntry(g.path());
            work.ensureIds(List.of(g.path())); // the new entry's id: one never used in this list
            Answers.Result r = site.answers.apply(work, entry, g.path(), adds, fields(g.required(), Answers.NEW));
            if (!r.ok()) return new ListEdit(new Answers.Result(doc, r.errors(), false), false);
            work = r.doc();
        }
        boolean changed = !SafeXml.write(work.document()).equals(SafeXml.write(doc.document()));
        String invalid = changed ? site.store.validate(work.document()) : null;
        if (invalid != null) return new ListEdit(new Answers.Result(doc, Map.of("list", "保存できませんでした: " + invalid), false), false);
        return new ListEdit(new Answers.Result(work, errors, changed), emptied);
    }
}
