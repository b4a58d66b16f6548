package kensa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kensa.render.Reports;
import kensa.assess.Plan;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.serve.FacilitySchema;
import kensa.serve.Questionnaire;
import kensa.serve.Server;
import kensa.xml.InputError;

/** A `kensa serve` started in-process on a free loopback port, with a data folder and a fixed date, and a plain HTTP client. */
final class ServeFixture implements AutoCloseable {
    static final Path FACILITY_XSD = Project.SCHEMA.resolve("facility.xsd");
    static final Path QUESTIONNAIRE = Project.CHECKLISTS.resolve("questionnaire/questionnaire.xml");
    static final Path QUESTIONNAIRE_XSD = Project.SCHEMA.resolve("questionnaire.xsd");
    /** The day the tests answer on: every save dates the file with it. */
    static final LocalDate TODAY = LocalDate.of(2025, 9, 12);

    final Server server;
    final Plan.Chooser plans = new Plan.Chooser(Project.checklists(), Project.guidelines());
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final String base;

    ServeFixture(Path data) throws IOException, InputError {
        Questionnaire questionnaire = questionnaire();
        Clock clock = Clock.fixed(TODAY.atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant(), ZoneId.of("Asia/Tokyo"));
        server = Server.start(new Server.Settings(InetAddress.getLoopbackAddress(), 0, data, questionnaire, FACILITY_XSD,
                Project.ROOT.resolve("reports"), Project.assessor(), plans, clock));
        base = "http://127.0.0.1:" + server.port();
    }

    static Questionnaire questionnaire() throws InputError {
        return Questionnaire.load(QUESTIONNAIRE, QUESTIONNAIRE_XSD, FacilitySchema.load(FACILITY_XSD));
    }

    @Override
    public void close() {
        server.close();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A form POST. A save of a screen carries the version of the file its page showed: unless the form says which,
     * the page is fetched first, as a browser would have shown it just now.
     */
    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        if (path.matches("/f/[^/]+/q/[^/?]+") && !form.containsKey("version") && form.containsKey("csrf")) {
            Map<String, String> withVersion = new LinkedHashMap<>(form);
            withVersion.put("version", version(get(path).body()));
            form = withVersion;
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The version of the file a screen page was drawn from (its form sends it back with the answers). */
    static String version(String page) {
        Matcher m = Pattern.compile("name=\"version\" value=\"([^\"]*)\"").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    /** The CSRF token every page's forms carry. */
    String csrf() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get("/").body());
        if (!m.find()) throw new AssertionError("no CSRF token on the start page");
        return m.group(1);
    }

    /** A form with the token and these fields (name, value, name, value …). */
    Map<String, String> form(String... pairs) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf());
        for (int i = 0; i < pairs.length; i += 2) form.put(pairs[i], pairs[i + 1]);
        return form;
    }

    /** Starts a facility file from the start page; returns its id. */
    String create(String name, String type) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/new", form("name", name, "facilityType", type));
        if (r.statusCode() != 303) throw new AssertionError("create: " + r.statusCode() + " " + r.body());
        Matcher m = Pattern.compile("/f/([a-z0-9-]+)/q/").matcher(r.headers().firstValue("Location").orElseThrow());
        if (!m.find()) throw new AssertionError("create redirected to " + r.headers().firstValue("Location"));
        return m.group(1);
    }

    Path file(String id) {
        return server.dataDir().resolve(id + ".xml");
    }

    /** The JSON report the server's result page is built from. */
    String serverJson(String id) throws InputError {
        Path file = file(id);
        Facility facility = new FacilityFiles(FACILITY_XSD).read(file, null);
        return Reports.json(Project.assessor().assess(facility, file, plans.choose(file, facility)));
    }

    /** A raw request, for what HttpClient will not send (a forged Host header, an unnormalised path). */
    String raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
