package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kensa.xml.InputError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kensa serve` over plain HTTP: safety (CSRF, Host, ids, escaping, body size) and how answers are saved. */
class ServeTest {
    @TempDir Path data;
    @TempDir Path out;
    ServeFixture serve;

    @BeforeEach
    void start() throws IOException, InputError {
        serve = new ServeFixture(data);
    }

    @AfterEach
    void stop() {
        serve.close();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> r = serve.get("/");
        assertEquals(200, r.statusCode());
        var h = r.headers();
        assertTrue(h.firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), h.map().toString());
        assertTrue(h.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", h.firstValue("Cache-Control").orElse(""));
        assertTrue(r.body().contains("新しく始める"));
        assertFalse(r.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource");
    }

    @Test
    void aPostWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> none = serve.post("/new", Map.of("name", "トークンなし医院", "facilityType", "clinic"));
        assertEquals(403, none.statusCode());
        HttpResponse<String> wrong = serve.post("/new", Map.of("csrf", "forged", "name", "偽トークン医院", "facilityType", "clinic"));
        assertEquals(403, wrong.statusCode());
        assertTrue(wrong.body().contains("受け付けられません"));
        try (var files = Files.list(data)) {
            assertEquals(0, files.count(), "nothing written");
        }
        String id = serve.create("本物の医院", "clinic");
        String before = ServeFixture.read(serve.file(id));
        HttpResponse<String> save = serve.post("/f/" + id + "/q/basics-0", Map.of("a:licensedBeds", "5"));
        assertEquals(403, save.statusCode());
        assertEquals(before, ServeFixture.read(serve.file(id)));
    }

    @Test
    void aPostFromAnotherSiteIsRefused() throws Exception {
        String body = "csrf=" + serve.csrf() + "&name=x&facilityType=clinic";
        HttpResponse<String> r = serve.http.send(HttpRequest.newBuilder(URI.create(serve.base + "/new"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        String port = String.valueOf(serve.server.port());
        String rebound = serve.raw("GET / HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 421"), rebound);
        String missingPort = serve.raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(missingPort.startsWith("HTTP/1.1 421"), missingPort);
        String ok = serve.raw("GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
    }

    @Test
    void idsThatCouldLeaveTheDataFolderAreRefused() throws Exception {
        Files.writeString(data.getParent().resolve("secret.xml"), "<secret/>");
        String port = String.valueOf(serve.server.port());
        for (String path : new String[] {"/f/..%2Fsecret/download", "/f/../secret/download", "/f/%2e%2e/download",
                "/f/Secret/result", "/f/a.b/result", "/f/" + "x".repeat(65) + "/result"}) {
            String r = serve.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 404") || r.startsWith("HTTP/1.1 400"), path + " → " + r.lines().findFirst().orElse(""));
            assertFalse(r.contains("<secret/>"), path);
        }
        assertEquals(404, serve.get("/f/facility-9999/result").statusCode());
    }

    @Test
    void aFacilityNameIsEscapedEverywhere() throws Exception {
        String name = "<script>alert(1)</script>\"'&";
        String id = serve.create(name, "clinic");
        for (String page : new String[] {"/", "/f/" + id + "/q/basics-0", "/f/" + id + "/result", "/f/" + id + "/report", "/f/" + id + "/form"}) {
            HttpResponse<String> r = serve.get(page);
            assertEquals(200, r.statusCode(), page);
            assertFalse(r.body().contains("<script>alert(1)"), page + " shows the name unescaped");
            assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page + " shows the name escaped");
        }
    }

    @Test
    void wakaranaiRemovesTheAnswerNeverWritesFalse() throws Exception {
        String id = serve.create("わからない診療所", "clinic");
        assertEquals(303, serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true")).statusCode());
        serve.post("/f/" + id + "/q/governance-0", serve.form("a:securityOfficer/@appointed", "true", "a:staff/@trainingAtHire", "false"));
        String xml = ServeFixture.read(serve.file(id));
        assertTrue(xml.contains("<securityOfficer appointed=\"true\"/>"), xml);
        assertTrue(xml.contains("trainingAtHire=\"false\""), xml);

        serve.post("/f/" + id + "/q/governance-0", serve.form("a:securityOfficer/@appointed", "", "a:staff/@trainingAtHire", ""));
        xml = ServeFixture.read(serve.file(id));
        assertFalse(xml.contains("appointed"), xml);
        assertFalse(xml.contains("securityOfficer"), "an element left empty is removed: " + xml);
        assertFalse(xml.contains("trainingAtHire"), xml);
        assertFalse(xml.contains("\"false\""), xml);
        assertTrue(serve.get("/f/" + id + "/q/governance-0").body().contains("value=\"\" checked> わからない"));
    }

    @Test
    void aBadDateIsRefusedWithAMessageAndNothingIsWritten() throws Exception {
        String id = serve.create("日付を誤る医院", "clinic");
        serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true"));
        String before = ServeFixture.read(serve.file(id));
        for (String bad : new String[] {"2025-02-30", "令和7年4月1日", "2025/04/01"}) {
            HttpResponse<String> r = serve.post("/f/" + id + "/q/governance-0",
                    serve.form("a:securityOfficer/@appointed", "true", "a:staff/@lastTraining", bad));
            assertEquals(422, r.statusCode(), bad);
            assertTrue(r.body().contains("日付は 2025-03-31 のように"), bad + ": " + r.body());
            assertTrue(r.body().contains("has-error"), bad);
            assertEquals(before, ServeFixture.read(serve.file(id)), bad + ": nothing written, not even the valid answer");
        }
        HttpResponse<String> count = serve.post("/f/" + id + "/q/basics-0", serve.form("a:licensedBeds", "-1"));
        assertEquals(422, count.statusCode());
        assertTrue(count.body().contains("0 以上の整数"));
        HttpResponse<String> fullWidth = serve.post("/f/" + id + "/q/basics-0", serve.form("a:licensedBeds", "１９"));
        assertEquals(303, fullWidth.statusCode());
        assertTrue(ServeFixture.read(serve.file(id)).contains("<licensedBeds>19</licensedBeds>"));
    }

    @Test
    void whatTheFormDoesNotKnowIsKept() throws Exception {
        Path copy = data.resolve("declared-clinic.xml");
        Files.copy(Project.EXAMPLES.resolve("declared-clinic.xml"), copy);
        String original = Files.readString(copy);
        assertTrue(original.contains("<!--") && original.contains("<declaredAnswers"));
        HttpResponse<String> r = serve.post("/f/declared-clinic/q/network-0", serve.form("a:network/@segmented", "false"));
        assertEquals(303, r.statusCode(), r.body());
        String saved = Files.readString(copy);
        assertTrue(saved.contains("segmented=\"false\""), saved);
        assertEquals(count(original, "<!--"), count(saved, "<!--"), "comments kept");
        assertEquals(count(original, "<answer "), count(saved, "<answer "), "declared answers kept");
        assertTrue(saved.contains("<assessmentDate>" + ServeFixture.TODAY + "</assessmentDate>"), "an answer dates the file");
        assertEquals(0, CliTest.kensa("validate", copy.toString()).exit());
    }

    @Test
    void aListIsNoneEmptyOrUnanswered() throws Exception {
        String id = serve.create("事業者の診療所", "clinic");
        serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true"));
        String list = "/f/" + id + "/q/vendors-0";
        serve.post(list, serve.form("list", "false"));
        assertTrue(ServeFixture.read(serve.file(id)).contains("<vendors/>"), "いいえ: an empty list");
        assertEquals(303, serve.post(list, serve.form("list", "", "action", "next")).statusCode());
        assertFalse(ServeFixture.read(serve.file(id)).contains("vendors"), "わからない: no list");

        HttpResponse<String> yesWithoutEntry = serve.post(list, serve.form("list", "true"));
        assertEquals(422, yesWithoutEntry.statusCode());
        assertTrue(yesWithoutEntry.body().contains("追加してください"));

        assertEquals(303, serve.post(list, serve.form("new:@name", "みどりシステム", "action", "add")).statusCode());
        assertEquals(303, serve.post(list, serve.form("new:@name", "あおばサービス", "action", "add")).statusCode());
        HttpResponse<String> duplicate = serve.post(list, serve.form("new:@name", "みどりシステム", "action", "add"));
        assertEquals(422, duplicate.statusCode());
        assertTrue(duplicate.body().contains("同じ名前が既にあります"), duplicate.body());
        String xml = ServeFixture.read(serve.file(id));
        // (each entry gets an id of its own, by which its screen is addressed)
        assertTrue(xml.contains("<vendor id=\"e1\" name=\"みどりシステム\"/>") && xml.contains("<vendor id=\"e2\" name=\"あおばサービス\"/>"), xml);

        HttpResponse<String> noWithEntries = serve.post(list, serve.form("list", "false"));
        assertEquals(422, noWithEntries.statusCode());

        serve.post("/f/" + id + "/q/vendors-0-2", serve.form("a:@name", "あおばサービス東", "a:@storesData", "true"));
        xml = ServeFixture.read(serve.file(id));
        assertTrue(xml.contains("name=\"あおばサービス東\"") && xml.contains("storesData=\"true\""), "renamed and answered: " + xml);
        assertTrue(serve.get("/f/" + id + "/q/vendors-0-2").body().contains("データを預けている場合")
                || serve.get("/f/" + id + "/q/vendors-0-2").body().contains("預けているデータのバックアップ"), "a follow-up question appears");

        serve.post(list, serve.form("list", "true", "remove", "1"));
        serve.post(list, serve.form("list", "true", "remove", "1"));
        xml = ServeFixture.read(serve.file(id));
        assertFalse(xml.contains("vendor"), "removing the last entry leaves the list unanswered, not none: " + xml);
    }

    @Test
    void aFacilityWithoutAnInformationSystemIsDoneAfterTheBasics() throws Exception {
        String id = serve.create("紙カルテ診療所", "clinic");
        HttpResponse<String> r = serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "false", "a:licensedBeds", "0"));
        assertEquals("/f/" + id + "/result", r.headers().firstValue("Location").orElse(""));
        String result = serve.get("/f/" + id + "/result").body();
        assertTrue(result.contains("該当しません"), result);
        assertTrue(serve.get("/f/" + id + "/q/basics-0").body().contains("対象外"));
    }

    @Test
    void aFollowUpQuestionAppearsOnTheSameScreen() throws Exception {
        String id = serve.create("追加の質問医院", "clinic");
        serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true"));
        assertFalse(serve.get("/f/" + id + "/q/governance-0").body().contains("責任者の役職"));
        HttpResponse<String> r = serve.post("/f/" + id + "/q/governance-0", serve.form("a:securityOfficer/@appointed", "true", "action", "next"));
        assertEquals("/f/" + id + "/q/governance-0?more=1", r.headers().firstValue("Location").orElse(""));
        assertTrue(serve.get("/f/" + id + "/q/governance-0?more=1").body().contains("責任者の役職"));
        HttpResponse<String> auto = serve.http.send(HttpRequest.newBuilder(URI.create(serve.base + "/f/" + id + "/q/governance-0"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Kensa-Autosave", "1")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + serve.csrf() + "&a%3AsecurityOfficer%2F%40appointed=false&action=stay"
                        + "&version=" + ServeFixture.version(serve.get("/f/" + id + "/q/governance-0").body()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, auto.statusCode());
        assertTrue(auto.body().contains("\"saved\":true") && auto.body().contains("\"reload\":true"), auto.body());
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String id = serve.create("大きな送信", "clinic");
        HttpResponse<String> r = serve.post("/f/" + id + "/q/basics-0", serve.form("a:name", "あ".repeat(100_000)));
        assertEquals(413, r.statusCode());
    }

    @Test
    void theVendorLetterIsOffered() throws Exception {
        String id = serve.create("手紙クリニック", "clinic");
        HttpResponse<String> r = serve.get("/f/" + id + "/vendor");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("事業者への確認のお願い"), r.body());
    }

    @Test
    void theDownloadIsAnAttachmentWithASafeName() throws Exception {
        String id = serve.create("ダウンロード医院", "clinic");
        HttpResponse<String> r = serve.get("/f/" + id + "/download");
        assertEquals(200, r.statusCode());
        // Saved under the facility's name and date (RFC 6266 filename*), the id as the plain fallback.
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"" + id + ".xml\"; filename*=UTF-8''"), disposition);
        String name = java.net.URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(name.matches("ダウンロード医院_\\d{4}-\\d{2}-\\d{2}\\.xml"), name);
        assertEquals(ServeFixture.read(serve.file(id)), r.body());
    }

    @Test
    void theResultIsTheAssessmentTheCliMakesOfTheSameFile() throws Exception {
        String id = serve.create("同じ結果クリニック", "clinic");
        serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true", "a:licensedBeds", "0"));
        serve.post("/f/" + id + "/q/governance-0", serve.form("a:securityOfficer/@appointed", "true", "a:operatingRules/@established", "false"));
        serve.post("/f/" + id + "/q/backup-0", serve.form("a:backup/@performed", "true", "a:backup/@offlineCopy", "false"));
        CliTest.Run run = CliTest.kensa("assess", serve.file(id).toString(), "-o", out.toString(), "--format", "json,html,detail.html");
        assertEquals(1, run.exit(), run.stderr());
        assertEquals(Files.readString(out.resolve(id + ".json")), serve.serverJson(id));
        // the same reports, linked to each other where serve shows them
        assertEquals(Files.readString(out.resolve(id + ".html")).replace("./" + id + ".detail.html", "/f/" + id + "/detail"),
                serve.get("/f/" + id + "/report").body());
        assertEquals(Files.readString(out.resolve(id + ".detail.html")).replace("./" + id + ".html", "/f/" + id + "/report"),
                serve.get("/f/" + id + "/detail").body());
        String result = serve.get("/f/" + id + "/result").body();
        assertTrue(result.contains("次にすること") && result.contains("報告書を開く"), result);
        String headline = run.stdout().substring(run.stdout().indexOf(": ") + 2, run.stdout().indexOf(" → "));
        assertTrue(result.contains("<p class=\"headline\">" + headline + "</p>"), "the headline kensa assess prints: " + headline);
    }

    @Test
    void anExistingFileIsListedAndReopened() throws Exception {
        Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), data.resolve("small-clinic.xml"));
        Files.writeString(data.resolve("Bad Name.xml"), "<x/>");
        String start = serve.get("/").body();
        assertTrue(start.contains("さくら内科クリニック(架空)") && start.contains("/f/small-clinic"), start);
        assertTrue(start.contains("Bad Name.xml") && start.contains("名前を変えると開けます"));
        HttpResponse<String> open = serve.get("/f/small-clinic");
        assertEquals(303, open.statusCode());
        String first = serve.get(open.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(first.contains("value=\"0\""), "the answers so far are shown");
    }

    @Test
    void theCommandRefusesABadPortOrAddress() {
        CliTest.Run port = CliTest.kensa("serve", "--port", "70000", "--no-browser");
        assertEquals(2, port.exit());
        assertTrue(port.stderr().contains("--port は 0〜65535"), port.stderr());
        for (String address : new String[] {"no-such-host.invalid", "999.1.1.1"}) {
            CliTest.Run bind = CliTest.kensa("serve", "--bind", address, "--no-browser");
            assertEquals(2, bind.exit(), address);
            assertTrue(bind.stderr().contains("--bind のアドレスがわかりません"), bind.stderr());
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
