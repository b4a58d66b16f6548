package kensa.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kensa.assess.Plan;
import kensa.assess.Assessor;
import kensa.serve.Flow.Screen;

/**
 * The local web app of `kensa serve`: a questionnaire, one screen at a time, that saves every answer to a
 * facility file in the data folder, and the assessment of that file. This class is the HTTP side and its security
 * (headers, the Host check, the CSRF token every POST carries, body limits) and routes each request to {@link Pages}
 * (what is read) or {@link Editing} (what is written). Pages are rendered by FreeMarker (reports/serve/*.ftlh,
 * auto-escaped) and work without JavaScript (form POST, then redirect); serve.js only saves on change.
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
    private final Site site;
    private final Pages pages;
    private final Editing editing;
    private final int port;

    private Server(Settings settings) throws IOException {
        this.settings = settings;
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.site = new Site(settings, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        this.pages = new Pages(site);
        this.editing = new Editing(site, pages);
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

    public Path dataDir() { return site.store.dir(); }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
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
                site.sendPage(ex, r.status, "serve/error.ftlh", Map.of("title", "エラー", "message", r.getMessage()));
            } catch (RuntimeException | IOException e) {
                System.err.println("kensa serve: " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + ": " + e);
                site.sendPage(ex, 500, "serve/error.ftlh", Map.of("title", "エラー",
                        "message", "内部エラーが起きました。回答はそれまでに保存した分まで残っています。もう一度お試しください。(" + e.getClass().getSimpleName() + ")"));
            }
        }
    }

    private void get(HttpExchange ex) throws IOException, Refusal {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/")) {
            pages.startPage(ex, Map.of(), null, null, 200);
            return;
        }
        if (path.startsWith("/static/")) {
            String name = path.substring("/static/".length());
            String type = STATIC.get(name);
            if (type == null) throw new Refusal(404, "ページがありません。");
            site.send(ex, 200, type, Files.readAllBytes(settings.reportsDir().resolve("serve").resolve(name)));
            return;
        }
        Matcher m = SCREEN.matcher(path);
        if (m.matches()) {
            String id = site.fileId(m.group(1));
            FacilityDoc doc = site.read(id);
            Flow flow = new Flow(site.questionnaire, doc);
            Screen screen = flow.screen(m.group(2));
            if (screen == null) throw new Refusal(404, "この画面はありません。最初からやり直してください。");
            String query = ex.getRequestURI().getQuery();
            String notice = query != null && query.contains("conflict=1") ? Editing.STALE
                    : query != null && query.contains("more=1") ? "回答に応じて質問が増えました。続けて答えてください。"
                    : query != null && query.contains("emptied=1") ? "一覧が空になったため「わからない」(未回答)にしました。" : null;
            pages.screenPage(ex, id, doc, flow, screen, null, Map.of(), notice, 200);
            return;
        }
        m = FILE_PAGE.matcher(path);
        if (m.matches()) {
            String id = site.fileId(m.group(1));
            String page = m.group(2);
            if (page == null) {
                FacilityDoc doc = site.read(id);
                List<Screen> screens = new Flow(site.questionnaire, doc).screens();
                site.redirect(ex, screens.isEmpty() ? "/f/" + id + "/result" : "/f/" + id + "/q/" + screens.get(0).key());
                return;
            }
            switch (page) {
                case "result" -> pages.resultPage(ex, id);
                case "report" -> pages.report(ex, id, "html");
                case "detail" -> pages.report(ex, id, "detail.html");
                case "form" -> pages.report(ex, id, "form.html");
                case "vendor" -> pages.report(ex, id, "vendor.html");
                default -> pages.download(ex, id);
            }
            return;
        }
        throw new Refusal(404, "ページがありません。");
    }

    private void post(HttpExchange ex, Form form) throws IOException, Refusal {
        String token = form.get("csrf");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), site.csrf.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(403, "この操作は受け付けられません(確認用の符号がありません)。ページを開き直してから、もう一度操作してください。");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("null") && !hostAllowed(origin.replaceFirst("^http://", ""))) {
            throw new Refusal(403, "ほかのサイトからの操作は受け付けません。");
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/new")) {
            editing.create(ex, form);
            return;
        }
        Matcher m = SCREEN.matcher(path);
        if (!m.matches()) throw new Refusal(404, "ページがありません。");
        editing.save(ex, site.fileId(m.group(1)), m.group(2), form);
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





}
