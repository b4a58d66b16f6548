package kensa.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kensa.facts.FacilityFiles;
import kensa.render.Reports;
import kensa.serve.Questionnaire.Group;

/**
 * What the pages and the editing of `kensa serve` share: the settings, the data folder, the questionnaire, the
 * templates, the per-start CSRF token every form carries, and how an answer is sent.
 */
final class Site {
    static final ObjectMapper JSON = new ObjectMapper();

    final Server.Settings settings;
    final Questionnaire questionnaire;
    final Store store;
    final Answers answers;
    final FacilityFiles reader;
    final Reports templates;
    final String csrf;
    /** The lists whose entries have ids (devices/device, vendors/vendor …). */
    private final List<String> entryPaths;

    Site(Server.Settings settings, String csrf) throws IOException {
        this.settings = settings;
        this.csrf = csrf;
        this.questionnaire = settings.questionnaire();
        this.entryPaths = questionnaire.sections().stream().flatMap(s -> s.parts().stream())
                .filter(p -> p instanceof Group).map(p -> ((Group) p).path()).toList();
        this.store = new Store(settings.dataDir(), settings.facilityXsd(), questionnaire.schema());
        this.answers = new Answers(store);
        this.reader = new FacilityFiles(settings.facilityXsd());
        this.templates = new Reports(settings.reportsDir()).withChecklists(settings.plans().checklists());
    }

    String fileId(String id) throws Refusal {
        if (store.file(id) == null) throw new Refusal(404, "この施設ファイルはありません。");
        return id;
    }

    FacilityDoc read(String id) throws IOException, Refusal {
        try {
            FacilityDoc doc = store.read(id);
            doc.ensureIds(entryPaths); // (the same ids on every read of the same file, until a save writes them)
            return doc;
        } catch (Store.Problem p) {
            throw new Refusal(404, p.getMessage());
        }
    }

    void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
    }

    void sendPage(HttpExchange ex, int status, String template, Map<String, Object> model) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(model);
        m.put("csrf", csrf);
        send(ex, status, "text/html; charset=utf-8", templates.renderTemplate(template, m).getBytes(StandardCharsets.UTF_8));
    }

    LocalDate today() {
        return LocalDate.now(settings.clock());
    }
}
