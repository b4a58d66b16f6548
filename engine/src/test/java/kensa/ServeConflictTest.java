package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two browsers on one facility file, over HTTP: a save based on a page drawn before the other's save is refused
 * with the reason and the current answers, never lands on another entry, and never puts back an older answer.
 */
class ServeConflictTest {
    static final String DEVICES = "equipment-1";

    @TempDir Path data;
    ServeFixture serve;
    String id;

    @BeforeEach
    void start() throws Exception {
        serve = new ServeFixture(data);
        id = serve.create("二人で答える医院", "clinic");
        serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true"));
        for (String[] device : new String[][] {{"受付PC", "terminal"}, {"ルーター", "network_device"}, {"診察室PC", "terminal"}}) {
            HttpResponse<String> r = serve.post(list(), serve.form("new:@name", device[0], "new:@kind", device[1], "action", "add"));
            assertEquals(303, r.statusCode(), r.body());
        }
        assertTrue(serve.get(screen(DEVICES + "-2")).body().contains("ルーター"));
    }

    @AfterEach
    void stop() {
        serve.close();
    }

    private String list() {
        return screen(DEVICES);
    }

    private String screen(String key) {
        return "/f/" + id + "/q/" + key;
    }

    /** A form as the page drawn at {@code version} would send it. */
    private Map<String, String> staleForm(String version, String... pairs) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(serve.form(pairs));
        form.put("version", version);
        return form;
    }

    /** The screen key a page's form saves to. */
    private static String action(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("action=\"/f/[^/]+/q/([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    @Test
    void anEntryIsAddressedByItsIdNotItsPlaceInTheList() throws Exception {
        String routerPage = serve.get(screen(DEVICES + "-2")).body(); // browser B shows the router
        assertTrue(routerPage.contains("ルーター"));
        String router = action(routerPage);
        assertTrue(router.matches(DEVICES + "-e\\d+"), "a stable id, not a position: " + router);
        String before = ServeFixture.version(routerPage);

        // Browser A removes the first device: by position, the router is now the first entry and 診察室PC the second.
        assertEquals(303, serve.post(list(), serve.form("list", "true", "remove", "1")).statusCode());
        assertTrue(serve.get(screen(router)).body().contains("ルーター"), "the router's address still shows the router");

        HttpResponse<String> stale = serve.post(screen(router), staleForm(before, "a:@patchesApplied", "true"));
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("別の画面(別のタブや別の人)で保存されています"), stale.body());
        assertTrue(stale.body().contains("ルーター"), "the current answers of the same device are shown");
        assertFalse(ServeFixture.read(serve.file(id)).contains("patchesApplied"), "nothing written to any device");

        assertEquals(303, serve.post(screen(router), serve.form("a:@patchesApplied", "true")).statusCode(), "saved again, on the page as it is now");
        String xml = ServeFixture.read(serve.file(id));
        assertTrue(xml.matches("(?s).*<device[^>]*name=\"ルーター\"[^>]*patchesApplied=\"true\".*|.*<device[^>]*patchesApplied=\"true\"[^>]*name=\"ルーター\".*"), xml);
        assertFalse(xml.matches("(?s).*<device[^>]*name=\"診察室PC\"[^>]*patchesApplied.*"), xml);
    }

    @Test
    void aStaleFullScreenSaveDoesNotPutBackAnOlderAnswer() throws Exception {
        String page = serve.get(screen("governance-0")).body(); // both browsers show the same screen
        String before = ServeFixture.version(page);
        assertEquals(303, serve.post(screen("governance-0"), staleForm(before, "a:securityOfficer/@appointed", "true")).statusCode());
        assertTrue(ServeFixture.read(serve.file(id)).contains("appointed=\"true\""));

        // Browser B, still on the page it drew before, answers another question; its form says わからない for the officer.
        HttpResponse<String> stale = serve.post(screen("governance-0"),
                staleForm(before, "a:securityOfficer/@appointed", "", "a:staff/@trainingAtHire", "false"));
        assertEquals(409, stale.statusCode(), stale.body());
        String xml = ServeFixture.read(serve.file(id));
        assertTrue(xml.contains("appointed=\"true\"") && !xml.contains("trainingAtHire"), xml);
        assertTrue(stale.body().contains("value=\"true\" checked") || stale.body().matches("(?s).*checked[^>]*value=\"true\".*"),
                "the current answer is shown");
    }

    @Test
    void autosaveCarriesTheVersionForwardAndIsToldOfAConflict() throws Exception {
        String v1 = ServeFixture.version(serve.get(screen("governance-0")).body());
        HttpResponse<String> first = autosave(screen("governance-0"), v1, "a:securityOfficer/@appointed", "true");
        assertEquals(200, first.statusCode(), first.body());
        String v2 = serve.http.send(HttpRequest.newBuilder(URI.create(serve.base + screen("governance-0"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(first.body().contains("\"version\":\"" + ServeFixture.version(v2) + "\""), first.body());
        assertEquals(200, autosave(screen("governance-0"), ServeFixture.version(v2), "a:staff/@trainingAtHire", "true").statusCode(),
                "the next save of the same page, with the version the last one returned");

        HttpResponse<String> stale = autosave(screen("governance-0"), v1, "a:securityOfficer/@appointed", "false");
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("\"conflict\":true"), stale.body());
        assertTrue(ServeFixture.read(serve.file(id)).contains("appointed=\"true\""));
    }

    private HttpResponse<String> autosave(String path, String version, String... pairs) throws Exception {
        Map<String, String> form = staleForm(version, pairs);
        form.put("action", "stay");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return serve.http.send(HttpRequest.newBuilder(URI.create(serve.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Kensa-Autosave", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
