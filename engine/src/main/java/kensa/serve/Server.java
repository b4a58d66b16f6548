package kensa.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kensa.assess.Assessment;
import kensa.assess.Plan;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.assess.Assessor;
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
 * The local web app of `kensa serve`: a questionnaire, one screen at a time, that saves every answer to a
 * facility file in the data folder, and the assessment of that file. Pages are rendered by FreeMarker
 * (reports/serve/*.ftlh, auto-escaped) and work without JavaScript (form POST, then redirect); serve.js only
 * saves on change. Every POST carries the per-start CSRF token; the Host header must name the address bound.
 */
public final class Server implements AutoCloseable {
    /** What a request body may be at most. */
    static final int MAX_BODY = 256 * 1024;
    /** Requests handled at once; a request still arriving holds one, so there are more than any browser opens. */
    static final int WORKERS = 32;

    static {
        // The JDK's server reads each request in a worker: without these, four connections that send half a request
        // and wait held every worker. A request must arrive within 30 s and be answered within 120 s (else the
        // connection is closed), and at most 64 connections are open at once. Read once, when the server class loads.
        limit("sun.net.httpserver.maxReqTime", "30");
        limit("sun.net.httpserver.maxRspTime", "120");
        limit("sun.net.httpserver.maxConnections", "64");
    }

    private static void limit(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCREEN = Pattern.compile("/f/([^/]+)/q/([^/]+)");
    private static final Pattern FILE_PAGE = Pattern.compile("/f/([^/]+)(?:/(result|report|detail|form|vendor|download))?");
    private static final Map<String, String> STATIC = Map.of("serve.css", "text/css; charset=utf-8", "serve.js", "text/javascript; charset=utf-8");

    /**
     * How to start: the address and port to bind (0: any free port), the data folder, the questionnaire,
     * templates, the assessor and the editions chosen as `kensa assess FILE` chooses them (by the file's date), and the
     * clock that dates answers.
     */
    public record Settings(InetAddress bind, int port, Path dataDir, Questionnaire questionnaire, Path facilityXsd,
                           Path reportsDir, Assessor assessor, Plan.Chooser plans, Clock clock) {}

    private final Settings settings;
    private final HttpServer http;
    private final ExecutorService workers;
    private final String csrf;
    private final Store store;
    private final FacilityFiles reader;
    private final Answers answers;
    private final Reports templates;
    private final Questionnaire questionnaire;
    private final ReentrantLock writing = new ReentrantLock();
    /** Files whose assessment date was set by hand since the server started: saving no longer moves it to today. */
    private final Set<String> datedByHand = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final int port;
    /** The lists whose entries have ids (devices/device, vendors/vendor …). */
    private final List<String> entryPaths;

    private Server(Settings settings) throws IOException {
        this.settings = settings;
        this.questionnaire = settings.questionnaire();
        this.entryPaths = questionnaire.sections().stream().flatMap(s -> s.parts().stream())
                .filter(p -> p instanceof Group).map(p -> ((Group) p).path()).toList();
        this.store = new Store(settings.dataDir(), settings.facilityXsd(), questionnaire.schema());
        this.answers = new Answers(store);
        this.reader = new FacilityFiles(settings.facilityXsd());
        this.templates = new Reports(settings.reportsDir()).withChecklists(settings.plans().checklists());
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        this.http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        this.port = http.getAddress().getPort();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "kensa-serve");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
    }

    public static Server start(Settings settings) throws IOException {
        Server server = new Server(settings);
        server.http.start();
        return server;
    }

    /** The address to open in a browser. */
    public URI address() {
        return URI.create("http://" + hostPart(settings.bind().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : settings.bind()) + ":" + port + "/");
    }

    public int port() { return port; }

    public Path dataDir() { return store.dir(); }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    /** An answer to send instead of the page: a status and a message for the user. */
    private static final class Refusal extends Exception {
        final int status;
        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Cache-Control", "no-store");
            h.set("Referrer-Policy", "no-referrer");
            try {
                if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
                    throw new Refusal(421, "このアドレスでは開けません。kensa serve が表示したアドレス(" + address() + ")で開いてください。");
                }
                String method = ex.getRequestMethod();
                if (method.equals("POST")) {
                    Form form = readForm(ex);
                    post(ex, form);
                } else if (method.equals("GET") || method.equals("HEAD")) {
                    get(ex);
                } else {
                    throw new Refusal(405, "この操作はできません。");
                }
            } catch (Refusal r) {
                sendPage(ex, r.status, "serve/error.ftlh", Map.of("title", "エラー", "message", r.getMessage()));
            } catch (RuntimeException | IOException e) {
                System.err.println("kensa serve: " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + ": " + e);
                sendPage(ex, 500, "serve/error.ftlh", Map.of("title", "エラー",
                        "message", "内部エラーが起きました。回答はそれまでに保存した分まで残っています。もう一度お試しください。(" + e.getClass().getSimpleName() + ")"));
            }
        }
    }

    private void get(HttpExchange ex) throws IOException, Refusal {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/")) {
            startPage(ex, Map.of(), null, null, 200);
            return;
        }
        if (path.startsWith("/static/")) {
            String name = path.substring("/static/".length());
            String type = STATIC.get(name);
            if (type == null) throw new Refusal(404, "ページがありません。");
            send(ex, 200, type, Files.readAllBytes(settings.reportsDir().resolve("serve").resolve(name)));
            return;
        }
        Matcher m = SCREEN.matcher(path);
        if (m.matches()) {
            String id = fileId(m.group(1));
            FacilityDoc doc = read(id);
            Flow flow = new Flow(questionnaire, doc);
            Screen screen = flow.screen(m.group(2));
            if (screen == null) throw new Refusal(404, "この画面はありません。最初からやり直してください。");
            String query = ex.getRequestURI().getQuery();
            String notice = query != null && query.contains("conflict=1") ? STALE
                    : query != null && query.contains("more=1") ? "回答に応じて質問が増えました。続けて答えてください。"
                    : query != null && query.contains("emptied=1") ? "一覧が空になったため「わからない」(未回答)にしました。" : null;
            screenPage(ex, id, doc, flow, screen, null, Map.of(), notice, 200);
            return;
        }
        m = FILE_PAGE.matcher(path);
        if (m.matches()) {
            String id = fileId(m.group(1));
            String page = m.group(2);
            if (page == null) {
                FacilityDoc doc = read(id);
                List<Screen> screens = new Flow(questionnaire, doc).screens();
                redirect(ex, screens.isEmpty() ? "/f/" + id + "/result" : "/f/" + id + "/q/" + screens.get(0).key());
                return;
            }
            switch (page) {
                case "result" -> resultPage(ex, id);
                case "report" -> report(ex, id, "html");
                case "detail" -> report(ex, id, "detail.html");
                case "form" -> report(ex, id, "form.html");
                case "vendor" -> report(ex, id, "vendor.html");
                default -> download(ex, id);
            }
            return;
        }
        throw new Refusal(404, "ページがありません。");
    }

    private void post(HttpExchange ex, Form form) throws IOException, Refusal {
        String token = form.get("csrf");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(403, "この操作は受け付けられません(確認用の符号がありません)。ページを開き直してから、もう一度操作してください。");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("null") && !hostAllowed(origin.replaceFirst("^http://", ""))) {
            throw new Refusal(403, "ほかのサイトからの操作は受け付けません。");
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/new")) {
            create(ex, form);
            return;
        }
        Matcher m = SCREEN.matcher(path);
        if (!m.matches()) throw new Refusal(404, "ページがありません。");
        save(ex, fileId(m.group(1)), m.group(2), form);
    }

    private Form readForm(HttpExchange ex) throws IOException, Refusal {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                // Read on (a little) and discard, so that the browser gets the answer rather than a reset connection.
                in.readNBytes(16 * MAX_BODY);
                throw new Refusal(413, "送られた内容が大きすぎます。");
            }
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new Refusal(415, "フォームから送ってください。");
        }
        try {
            return Form.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "送られた内容を読めません。");
        }
    }

    /** Loopback names with our port, the bound address, or (bound to every address) any IP literal: never a DNS name but localhost. */
    private boolean hostAllowed(String host) {
        if (host == null) return false;
        String expectedPort = ":" + port;
        if (!host.endsWith(expectedPort)) return false;
        String name = host.substring(0, host.length() - expectedPort.length()).toLowerCase();
        InetAddress bind = settings.bind();
        if (name.equals(hostPart(bind).toLowerCase())) return true;
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            if (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]")) return true;
        }
        return bind.isAnyLocalAddress() && (name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.matches("\\[[0-9a-f:.]+\\]"));
    }

    private static String hostPart(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]" : a.getHostAddress();
    }

    private String fileId(String id) throws Refusal {
        if (store.file(id) == null) throw new Refusal(404, "この施設ファイルはありません。");
        return id;
    }

    private FacilityDoc read(String id) throws IOException, Refusal {
        try {
            FacilityDoc doc = store.read(id);
            doc.ensureIds(entryPaths); // (the same ids on every read of the same file, until a save writes them)
            return doc;
        } catch (Store.Problem p) {
            throw new Refusal(404, p.getMessage());
        }
    }

    private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
    }

    private void sendPage(HttpExchange ex, int status, String template, Map<String, Object> model) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(model);
        m.put("csrf", csrf);
        send(ex, status, "text/html; charset=utf-8", templates.renderTemplate(template, m).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- start page and new files

    private void startPage(HttpExchange ex, Map<String, String> values, Map<String, String> errors, String notice, int status) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        Field type = questionnaire.schema().field("facilityType");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        for (Store.Entry e : store.list()) {
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
        model.put("dataDir", store.dir().toString());
        model.put("types", choices(type));
        model.put("nameQuestion", question("name"));
        model.put("typeQuestion", question("facilityType"));
        model.put("values", values);
        model.put("errors", errors == null ? Map.of() : errors);
        model.put("notice", notice == null ? "" : notice);
        sendPage(ex, status, "serve/start.ftlh", model);
    }

    private Map<String, Object> question(String path) {
        for (Section s : questionnaire.sections()) {
            for (var part : s.parts()) {
                if (part instanceof Run run) {
                    for (Question q : run.questions()) if (q.path().equals(path)) return Map.of("ask", q.ask(), "why", q.why(), "where", q.where());
                }
            }
        }
        Field f = questionnaire.schema().field(path);
        return Map.of("ask", f.documentation() == null ? path : f.documentation(), "why", "", "where", "");
    }

    private void create(HttpExchange ex, Form form) throws IOException, Refusal {
        String name = Answers.normalize(form.get("name"), FacilitySchema.Kind.TEXT);
        String type = form.get("facilityType");
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) errors.put("name", "施設名を入力してください。");
        else if (name.length() > 200) errors.put("name", "施設名が長すぎます(200文字まで)。");
        Field typeField = questionnaire.schema().field("facilityType");
        if (type == null || typeField.choices().stream().noneMatch(c -> c.value().equals(type))) errors.put("facilityType", "施設の種類を選んでください。");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("facilityType", type == null ? "" : type);
        if (!errors.isEmpty()) {
            startPage(ex, values, errors, null, 422);
            return;
        }
        String id;
        writing.lock();
        try {
            id = store.create(store.newDocument(name, type, today().toString()));
        } catch (Store.Problem p) {
            errors.put("name", Answers.message(questionnaire.schema().field("name"), p.getMessage()));
            startPage(ex, values, errors, null, 422);
            return;
        } finally {
            writing.unlock();
        }
        FacilityDoc doc = read(id);
        List<Screen> screens = new Flow(questionnaire, doc).screens();
        redirect(ex, "/f/" + id + "/q/" + screens.get(0).key());
    }

    private LocalDate today() {
        return LocalDate.now(settings.clock());
    }

    // ---------------------------------------------------------------- questionnaire screens

    private void screenPage(HttpExchange ex, String id, FacilityDoc doc, Flow flow, Screen screen, Form submitted,
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
        sendPage(ex, status, "serve/screen.ftlh", model);
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
        for (Section s : questionnaire.sections()) {
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
            int c = compare(screens.get(i), screen);
            if (c == 0) return i;
            if (c < 0) found = i;
        }
        return found;
    }

    private static int compare(Screen a, Screen b) {
        return Flow.compare(a, b);
    }

    // ---------------------------------------------------------------- saving

    /** Said when a save is based on an older version of the file than the one on disk. */
    static final String STALE = "この施設ファイルは、この画面を開いた後に、別の画面(別のタブや別の人)で保存されています。"
            + "上書きしないよう、この画面の変更は保存していません。いまの回答を表示しています。必要ならもう一度入力してください。";

    /**
     * Saves a screen's answers. The form carries the version of the file its page showed; when the file has changed
     * since (another tab or person saved, an entry was removed and the positions moved), nothing is saved and the
     * current answers are shown, so no save ever silently overwrites another's or lands on a different entry.
     */
    private void save(HttpExchange ex, String id, String key, Form form) throws IOException, Refusal {
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
            doc = read(id);
            version = doc.version();
            if (!version.equals(form.get("version"))) {
                stale(ex, id, key, doc, autosave);
                return;
            }
            flow = new Flow(questionnaire, doc);
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
                result = errors.isEmpty() ? answers.apply(doc, context, screen.contextPath(), changes, fields(questions, Answers.ANSWER))
                        : new Answers.Result(doc, errors, false);
                if (result.ok() && changes.stream().anyMatch(c -> c.path().equals("assessmentDate") && screen.contextPath().isEmpty())) {
                    datedByHand.add(id);
                }
            }
            if (result.ok() && result.changed()) {
                FacilityDoc saved = result.doc();
                if (!datedByHand.contains(id)) saved.set(saved.root(), "", "assessmentDate", today().toString());
                try {
                    version = store.write(id, saved);
                } catch (Store.Problem p) {
                    result = new Answers.Result(doc, Map.of("", "保存できませんでした: " + p.getMessage()), false);
                }
            }
        } finally {
            writing.unlock();
        }
        FacilityDoc now = result.ok() ? result.doc() : doc;
        Flow after = new Flow(questionnaire, now);
        Screen same = after.screen(key);
        List<String> visibleAfter = same == null ? List.of() : after.visible(same).stream().map(Question::path).toList();
        boolean more = visibleAfter.stream().anyMatch(p -> !visibleBefore.contains(p));
        if (autosave) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("saved", result.ok());
            json.put("version", version);
            json.put("reload", result.ok() && (more || !visibleBefore.equals(visibleAfter)));
            json.put("errors", result.errors());
            send(ex, result.ok() ? 200 : 422, "application/json; charset=utf-8", JSON.writeValueAsBytes(json));
            return;
        }
        if (!result.ok()) {
            screenPage(ex, id, doc, flow, screen, form, result.errors(), "保存できませんでした。赤字の説明に沿って直してください(この画面の回答は保存していません)。", 422);
            return;
        }
        String action = form.get("action") == null ? "next" : form.get("action");
        String go = form.get("go");
        String base = "/f/" + id;
        if (go != null) {
            if (go.equals("result")) redirect(ex, base + "/result");
            else if (go.equals("start")) redirect(ex, "/");
            else if (after.screen(go) != null) redirect(ex, base + "/q/" + go);
            else redirect(ex, base + "/q/" + key);
            return;
        }
        if (same != null && (action.equals("add") || action.equals("remove") || action.equals("stay"))) {
            redirect(ex, base + "/q/" + key + (emptied ? "?emptied=1" : ""));
            return;
        }
        if (same != null && action.equals("next") && more) {
            redirect(ex, base + "/q/" + key + "?more=1");
            return;
        }
        List<Screen> screens = after.screens();
        Screen anchor = same != null ? same : screen;
        if (action.equals("back")) {
            Screen previous = null;
            for (Screen s : screens) if (compare(s, anchor) < 0) previous = s;
            redirect(ex, previous == null ? "/" : base + "/q/" + previous.key());
            return;
        }
        for (Screen s : screens) {
            if (compare(s, anchor) > 0) {
                redirect(ex, base + "/q/" + s.key());
                return;
            }
        }
        redirect(ex, base + "/result");
    }

    /** The answer to a save based on an older version: the current answers, and why nothing was saved. */
    private void stale(HttpExchange ex, String id, String key, FacilityDoc current, boolean autosave) throws IOException, Refusal {
        if (autosave) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("saved", false);
            json.put("conflict", true);
            json.put("message", STALE);
            json.put("errors", Map.of());
            send(ex, 409, "application/json; charset=utf-8", JSON.writeValueAsBytes(json));
            return;
        }
        Flow flow = new Flow(questionnaire, current);
        Screen screen = flow.screen(key);
        if (screen == null) throw new Refusal(409, STALE + "(この画面はもうありません。一覧から開き直してください。)");
        screenPage(ex, id, current, flow, screen, null, Map.of(), STALE, 409);
    }

    private static Map<String, Field> fields(List<Question> questions, String prefix) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Question q : questions) out.put(prefix + q.relPath(), q.field());
        return out;
    }

    private record ListEdit(Answers.Result result, boolean emptied) {}

    /**
     * The list screen: the list answer (はい: entries follow, いいえ: an empty list, わからない: no list), entries
     * removed ({@code remove}=n) and added (the entry's required fields). Adding an entry answers はい; removing
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
            Answers.Result r = answers.apply(work, entry, g.path(), adds, fields(g.required(), Answers.NEW));
            if (!r.ok()) return new ListEdit(new Answers.Result(doc, r.errors(), false), false);
            work = r.doc();
        }
        boolean changed = !SafeXml.write(work.document()).equals(SafeXml.write(doc.document()));
        String invalid = changed ? store.validate(work.document()) : null;
        if (invalid != null) return new ListEdit(new Answers.Result(doc, Map.of("list", "保存できませんでした: " + invalid), false), false);
        return new ListEdit(new Answers.Result(work, errors, changed), emptied);
    }

    // ---------------------------------------------------------------- result

    private Assessment assess(String id) throws Refusal {
        try {
            return assessFile(id);
        } catch (InputError e) {
            throw new Refusal(422, "評価できませんでした: " + e.problem() + " " + e.fix());
        }
    }

    /** The assessment `kensa assess FILE` makes of the saved file (ServeTest checks the JSON is the CLI's). */
    private Assessment assessFile(String id) throws InputError {
        Path file = store.file(id);
        Facility facility = reader.read(file, null);
        return settings.assessor().assess(facility, file, settings.plans().choose(file, facility));
    }

    private void resultPage(HttpExchange ex, String id) throws IOException, Refusal {
        FacilityDoc doc = read(id);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "結果 — " + doc.value(doc.root(), "name"));
        model.put("id", id);
        model.put("facilityName", doc.value(doc.root(), "name"));
        List<Screen> screens = new Flow(questionnaire, doc).screens();
        model.put("lastKey", screens.isEmpty() ? "" : screens.get(screens.size() - 1).key());
        model.put("firstKey", screens.isEmpty() ? "" : screens.get(0).key());
        Assessment assessment;
        try {
            assessment = assessFile(id);
        } catch (InputError e) {
            model.put("problem", e.problem() + " " + e.fix());
            sendPage(ex, 200, "serve/result.ftlh", model);
            return;
        }
        model.put("a", JSON.readValue(Reports.json(assessment), new TypeReference<Map<String, Object>>() {}));
        model.put("s", Reports.shortReport(assessment));
        model.put("problem", "");
        sendPage(ex, 200, "serve/result.ftlh", model);
    }

    private void report(HttpExchange ex, String id, String format) throws IOException, Refusal {
        read(id);
        Assessment assessment = assess(id);
        // The short report and the detail report link to each other, as they do side by side in an output folder.
        Map<String, String> links = Map.of("html", "/f/" + id + "/report", "detail.html", "/f/" + id + "/detail");
        String html = templates.render(assessment, List.of(format), links).get(format);
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** The facility file, saved under the facility's name and assessment date (the id stays as the plain-ASCII fallback). */
    private void download(HttpExchange ex, String id) throws IOException, Refusal {
        read(id);
        Assessment assessment = assess(id);
        String name = kensa.batch.OutputNames.base(java.nio.file.Path.of(assessment.facility().name() + "_"
                + (assessment.assessedOn() == null ? "" : assessment.assessedOn()) + ".xml")) + ".xml";
        byte[] xml = Files.readAllBytes(store.file(id));
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + ".xml\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        send(ex, 200, "application/xml; charset=utf-8", xml);
    }

    private static String wareki(String iso) {
        try {
            return Wareki.dateOrMonth(iso);
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
