package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bundles as a user gets them (issue 23): target/kensa-&lt;version&gt;.zip on the PC's own Java, and the
 * linux-x64 tar.gz on the runtime jlink made for it. Each is unpacked into a temporary folder made read-only and run
 * from another folder, with a PATH that holds a few POSIX tools and no Maven (and, for the tar, no Java): assess on a
 * bundled example, --version, and serve, whose start page is fetched from 127.0.0.1. Run by {@code mvn -B verify}
 * after package (surefire's bundle-test execution in pom.xml), on the archives that package made.
 */
class BundleIT {
    static final String VERSION = System.getProperty("kensa.version", "0.1.0-SNAPSHOT");
    static final Path ZIP = Path.of(System.getProperty("kensa.bundle.zip", "target/kensa-" + VERSION + ".zip"));
    /** The bundle with a runtime: a tar.gz for Linux (a zip where the build ran on Windows or macOS, see pom.xml). */
    static final Path TAR = Path.of(System.getProperty("kensa.bundle.runtime", "target/kensa-" + VERSION + "-linux-x64.tar.gz"));
    static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    static final boolean MAC = System.getProperty("os.name").startsWith("Mac");
    static final String BASE = "kensa-" + VERSION + "/";
    static final long MB = 1024 * 1024;
    /** What bin/kensa may call besides the JVM: a user's PC has these, and nothing of a developer's. */
    static final List<String> TOOLS = List.of("sh", "dirname", "sed", "head", "ls", "mkdir", "mktemp", "rm", "mv", "cksum",
            "cut", "uname", "touch", "cat");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    // ---- contents ----------------------------------------------------------------------------------------------

    @Test
    void theZipHoldsTheBundleAndNoDeveloperFiles() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), ZIP + " missing: mvn package makes it");
        assertTrue(Files.size(ZIP) < 60 * MB, "zip is " + Files.size(ZIP) / MB + " MB");
        Map<String, Integer> entries = zipEntries(ZIP);
        checkBundleContents(entries);
        assertFalse(entries.keySet().stream().anyMatch(e -> e.startsWith(BASE + "runtime/")), "the zip runs on the PC's Java");
    }

    @Test
    void theTarHoldsTheSameBundleAndARuntimeOfOnlyTheModulesKensaNeeds() throws IOException {
        assertTrue(Files.isRegularFile(TAR), TAR + " missing: mvn package makes it");
        assertTrue(Files.size(TAR) < 90 * MB, "tar is " + Files.size(TAR) / MB + " MB");
        Map<String, Integer> entries = TAR.toString().endsWith(".zip") ? zipEntries(TAR) : tarEntries(TAR);
        checkBundleContents(entries);
        Set<String> outsideRuntime = entries.keySet().stream().filter(e -> !e.startsWith(BASE + "runtime/") && !e.endsWith("/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(zipEntries(ZIP).keySet().stream().filter(e -> !e.endsWith("/")).collect(Collectors.toCollection(TreeSet::new)), outsideRuntime,
                "the tar is the zip plus runtime/");
        if (!WINDOWS) assertEquals(0755, entries.get(BASE + "runtime/bin/java") & 0777);
        assertTrue(entries.keySet().stream().anyMatch(e -> e.endsWith("/server/classes.jsa")), "the runtime's base class-data archive (jlink --generate-cds-archive)");
        assertTrue(entries.containsKey(BASE + "runtime/release"));
        for (String jdkOnly : List.of("bin/javac", "bin/jlink", "bin/jshell", "jmods/", "include/")) {
            assertFalse(entries.keySet().stream().anyMatch(e -> e.startsWith(BASE + "runtime/" + jdkOnly)), "a runtime, not a JDK: " + jdkOnly);
        }
    }

    private static void checkBundleContents(Map<String, Integer> entries) throws IOException {
        assertTrue(entries.keySet().stream().allMatch(e -> e.startsWith(BASE)), "everything in one folder " + BASE);
        for (String file : List.of("bin/kensa", "kensa-serve.command")) {
            assertNotNull(entries.get(BASE + file), file);
            assertEquals(0755, entries.get(BASE + file) & 0777, file + " is executable");
        }
        for (String file : List.of("bin/kensa.cmd", "kensa-serve.cmd", "kensa.jar", "はじめにお読みください.txt",
                "checklists/examples/small-clinic.xml", "checklists/schema/facility.xsd", "checklists/questionnaire/questionnaire.xml",
                "checklists/r7-medical.xml", "checklists/guidelines/gl-7.0.xml", "reports/layout.ftlh")) {
            assertTrue(entries.containsKey(BASE + file), file);
        }
        // every library the jar's manifest names, and every rule
        Set<String> libs = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of("target/lib"))) {
            list.forEach(p -> libs.add(BASE + "lib/" + p.getFileName()));
        }
        assertEquals(libs, entries.keySet().stream().filter(e -> e.startsWith(BASE + "lib/") && !e.endsWith("/")).collect(Collectors.toCollection(TreeSet::new)));
        Set<String> drl = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Project.RULES)) {
            walk.filter(p -> p.toString().endsWith(".drl")).forEach(p -> drl.add(BASE + "rules/" + Project.RULES.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(drl, entries.keySet().stream().filter(e -> e.startsWith(BASE + "rules/") && !e.endsWith("/")).collect(Collectors.toCollection(TreeSet::new)));
        // nothing a developer uses: tests, sources, build files, leftovers of target/ or of a run
        Pattern developer = Pattern.compile("\\.scenarios\\.xml$|scenarios\\.xsd$|\\.xjb$|\\.java$|pom\\.xml$|README\\.md$|/\\.ci/|/\\.git|/bench/"
                + "|/engine/|/src/|/target/|/golden/|\\.jsa$|/kensa-data/|/kensa-out/|/classes/|/surefire|/generated-sources/|/screenshots/");
        List<String> found = entries.keySet().stream().filter(e -> !e.startsWith(BASE + "runtime/") && developer.matcher(e).find()).toList();
        assertEquals(List.of(), found, "developer files in the bundle");
    }

    // ---- runs --------------------------------------------------------------------------------------------------

    @Test
    void theZipRunsOnThePcsJavaWithoutMavenFromAReadOnlyFolder() throws Exception {
        assumeTrue(!WINDOWS, "bin/kensa is for Linux and macOS (bin/kensa.cmd is not run here)");
        Path bundle = unpackZip(ZIP, tmp.resolve("zip"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        runAsAUser(bundle, java);
    }

    @Test
    void theTarRunsWithNoJavaInstalled() throws Exception {
        assumeTrue(!WINDOWS, "bin/kensa is for Linux and macOS (bin/kensa.cmd is not run here)");
        Path bundle = TAR.toString().endsWith(".zip") ? unpackZip(TAR, tmp.resolve("tar")) : unpackTar(TAR, tmp.resolve("tar"));
        runAsAUser(bundle, null);
    }

    @Test
    void withoutJava17TheLauncherSaysInJapaneseWhatToInstallAndStops() throws Exception {
        assumeTrue(!WINDOWS, "bin/kensa is for Linux and macOS (bin/kensa.cmd is not run here)");
        Path bundle = unpackZip(ZIP, tmp.resolve("zip"));
        makeReadOnly(bundle);
        Map<String, String> env = userEnvironment(null);
        Run none = run(tmp, env, Duration.ofSeconds(30), bundle.resolve("bin/kensa").toString(), "--version");
        assertEquals(3, none.exit, none.toString());
        assertEquals("", none.stdout);
        assertTrue(none.stderr.contains("Java が見つかりません") && none.stderr.contains("Java 17 以上が必要です")
                && none.stderr.contains("https://adoptium.net/"), none.stderr);

        // an old Java on PATH (as `java -version` of Java 11 prints it)
        Path old = Files.createDirectories(tmp.resolve("old-java"));
        Path fake = old.resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\nexit 0\n");
        fake.toFile().setExecutable(true);
        env.put("PATH", env.get("PATH") + ":" + old);
        Run eleven = run(tmp, env, Duration.ofSeconds(30), bundle.resolve("bin/kensa").toString(), "--version");
        assertEquals(3, eleven.exit, eleven.toString());
        assertTrue(eleven.stderr.contains("Java 11") && eleven.stderr.contains("Java 17 以上が必要です"), eleven.stderr);
    }

    /**
     * bin/kensa as a user runs it: the bundle read-only, started from a folder of the user's, HOME and XDG_DATA_HOME
     * the user's, PATH without Maven ({@code java} given: a symbolic link to it on PATH; null: no Java at all).
     */
    private void runAsAUser(Path bundle, Path java) throws Exception {
        makeReadOnly(bundle);
        Map<String, String> before = snapshot(bundle);
        Path work = Files.createDirectories(tmp.resolve("work"));
        Map<String, String> env = userEnvironment(java);
        Path data = MAC ? Path.of(env.get("HOME"), "Library/Application Support/kensa") : Path.of(env.get("XDG_DATA_HOME"), "kensa");
        String kensa = bundle.resolve("bin/kensa").toString();
        Run noMaven = run(work, env, Duration.ofSeconds(30), "sh", "-c", "command -v mvn || command -v java || echo none");
        assertEquals(java == null ? "none" : env.get("PATH").split(":")[0] + "/java", noMaven.stdout.strip(), "PATH as the test means it");

        // assess on a bundled example: exit 1 (it has gaps), the reports in ./kensa-out, nothing on stderr
        Path example = bundle.resolve("checklists/examples/small-clinic.xml");
        Run assess = run(work, env, Duration.ofMinutes(3), kensa, "assess", example.toString());
        assertEquals(1, assess.exit, assess.toString());
        assertEquals("", assess.stderr, "no developer messages (the first run also recorded the class-data archive)");
        for (String report : List.of("small-clinic.html", "small-clinic.detail.html", "small-clinic.form.html", "small-clinic.form.csv", "small-clinic.md", "small-clinic.json")) {
            assertTrue(Files.size(work.resolve("kensa-out").resolve(report)) > 1000, report);
        }
        // the same assessment as the build's own jar gives (the runtime lacks nothing: locale data, charsets, XML)
        Path reference = tmp.resolve("reference");
        CliTest.Run dev = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", reference.toString()); // the same formats
        assertEquals(1, dev.exit(), dev.toString());
        assertEquals(withoutFile(reference.resolve("small-clinic.json")), withoutFile(work.resolve("kensa-out/small-clinic.json")));
        assertEquals(Files.readString(reference.resolve("small-clinic.md")), Files.readString(work.resolve("kensa-out/small-clinic.md")));

        // the class-data archive went to the user's folder, and the next run maps it and the precompiled rules
        List<Path> archives;
        try (Stream<Path> list = Files.list(data.resolve("cds"))) {
            archives = list.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
        assertEquals(1, archives.size(), "one class-data archive in " + data.resolve("cds"));
        Path classLog = tmp.resolve("classes.log");
        Map<String, String> logged = new TreeMap<>(env);
        logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        Run again = run(work, logged, Duration.ofMinutes(2), kensa, "assess", example.toString(), "-o", tmp.resolve("again").toString());
        assertEquals(1, again.exit, again.toString());
        String classes = Files.readString(classLog);
        assertTrue(Pattern.compile("kensa\\.cli\\.Kensa source: shared objects file \\(top\\)").matcher(classes).find(),
                "kensa's classes come from the bundle's archive");
        assertTrue(classes.contains("rules.devices."), "the precompiled rules are loaded");
        assertFalse(classes.contains("org.eclipse.jdt.internal.compiler.Compiler "), "no DRL compiled at run time");

        // --version: kensa's version and the editions of the catalogs it carries
        Run version = run(work, env, Duration.ofMinutes(1), kensa, "--version");
        assertEquals(0, version.exit, version.toString());
        assertTrue(version.stdout.startsWith("kensa " + VERSION + "\n"), version.stdout);
        for (Path catalog : catalogs(bundle)) {
            Matcher edition = Pattern.compile("<edition>([^<]+)</edition>").matcher(Files.readString(catalog));
            assertTrue(edition.find(), catalog.toString());
            assertTrue(version.stdout.contains(edition.group(1)), catalog.getFileName() + ": " + edition.group(1) + " in\n" + version.stdout);
        }

        // serve: the start page from 127.0.0.1, the answers in the user's folder, stopped as Ctrl+C or closing it would
        Process serve = start(work, env, kensa, "serve", "--port", "0", "--no-browser");
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            pump(serve.getInputStream(), lines);
            StringBuilder err = new StringBuilder();
            Thread errors = pump(serve.getErrorStream(), err);
            URI uri = null;
            String saved = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while ((uri == null || saved == null) && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertTrue(serve.isAlive(), "serve stopped: " + err);
                    continue;
                }
                Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                if (m.find()) uri = URI.create(m.group(1));
                if (line.startsWith("施設ファイルの保存先: ")) saved = line.substring("施設ファイルの保存先: ".length()).strip();
            }
            assertNotNull(uri, "serve printed its address: " + err);
            assertEquals(data.resolve("kensa-data").toString(), saved, "answers go to the user's folder: the bundle's is read-only");
            assertTrue(Files.isDirectory(data.resolve("kensa-data")));
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("新しく始める"), page.body());
            serve.destroy(); // SIGTERM, to the JVM itself: the launcher exec's it
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops");
            errors.join(5000);
            assertEquals("", err.toString().strip(), "serve said nothing on stderr");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 2000);
                throw new AssertionError("still listening on " + uri);
            } catch (IOException expected) {
                // stopped
            }
        } finally {
            serve.destroyForcibly();
        }
        assertEquals(before, snapshot(bundle), "nothing written into the bundle's folder");
    }

    private static List<Path> catalogs(Path bundle) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(bundle.resolve("checklists"), bundle.resolve("checklists/guidelines"))) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".xml")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 5);
        return files;
    }

    private static JsonNode withoutFile(Path json) throws IOException {
        JsonNode root = JSON.readTree(json.toFile());
        ((ObjectNode) root.get("facility")).remove("file"); // where the example was read from
        return root;
    }

    /** A user's environment: HOME and XDG_DATA_HOME of their own, a UTF-8 locale, and on PATH the tools (and java). */
    private Map<String, String> userEnvironment(Path java) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("path-" + (java == null ? "nojava" : "java")));
        for (String tool : TOOLS) {
            Path target = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + tool + " on this machine"));
            if (!Files.exists(bin.resolve(tool), LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(bin.resolve(tool), target);
        }
        if (java != null && !Files.exists(bin.resolve("java"), LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(bin.resolve("java"), java);
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", bin.toString());
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("XDG_DATA_HOME", tmp.resolve("home/.local/share").toString());
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
        return env;
    }

    // ---- processes ---------------------------------------------------------------------------------------------

    record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() { return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr; }
    }

    private static Process start(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static Run run(Path dir, Map<String, String> env, Duration timeout, String... command) throws Exception {
        Process p = start(dir, env, command);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "\n" + out + "\n" + err);
        }
        o.join();
        e.join();
        return new Run(p.exitValue(), out.toString(), err.toString());
    }

    private static Thread pump(InputStream in, StringBuilder into) {
        return pump(in, line -> {
            synchronized (into) {
                into.append(line).append('\n');
            }
        });
    }

    private static Thread pump(InputStream in, BlockingQueue<String> into) {
        return pump(in, into::add);
    }

    private static Thread pump(InputStream in, java.util.function.Consumer<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) into.accept(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---- archives and folders ----------------------------------------------------------------------------------

    /** Entry name → Unix mode. */
    private static Map<String, Integer> zipEntries(Path zip) throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (Enumeration<ZipArchiveEntry> e = file.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                entries.put(entry.getName(), entry.getUnixMode());
            }
        }
        return entries;
    }

    private static Map<String, Integer> tarEntries(Path tar) throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) entries.put(entry.getName(), entry.getMode());
        }
        return entries;
    }

    private static Path unpackZip(Path zip, Path into) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (Enumeration<ZipArchiveEntry> e = file.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    write(into, entry, in, entry.getUnixMode());
                }
            }
        }
        return into.resolve(BASE);
    }

    private static Path unpackTar(Path tar, Path into) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                assertFalse(entry.isLink(), "no hard links: " + entry.getName());
                if (entry.isSymbolicLink()) {
                    // jlink links the legal notices of each module to java.base's: relative, inside the runtime
                    Path link = into.resolve(entry.getName()).normalize();
                    assertTrue(!Path.of(entry.getLinkName()).isAbsolute() && link.getParent().resolve(entry.getLinkName()).normalize().startsWith(into.resolve(BASE)),
                            entry.getName() + " -> " + entry.getLinkName());
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, Path.of(entry.getLinkName()));
                    continue;
                }
                write(into, entry, in, entry.getMode());
            }
        }
        return into.resolve(BASE);
    }

    private static void write(Path into, ArchiveEntry entry, InputStream in, int mode) throws IOException {
        Path target = into.resolve(entry.getName()).normalize();
        assertTrue(target.startsWith(into), entry.getName());
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
        if ((mode & 0100) != 0) target.toFile().setExecutable(true, false);
    }

    /** Takes every write permission away, as a folder under /opt or a shared drive would be. */
    private static void makeReadOnly(Path bundle) throws IOException {
        try (Stream<Path> walk = Files.walk(bundle)) {
            for (Path p : walk.toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                perms.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /** Path → size and time of every file and folder: any write shows (root is not stopped by the modes). */
    private static Map<String, String> snapshot(Path bundle) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(bundle)) {
            for (Path p : walk.toList()) {
                files.put(bundle.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }
}
