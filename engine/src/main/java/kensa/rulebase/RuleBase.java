package kensa.rulebase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;

/**
 * The DRL rules compiled once into a KieBase, shared by every assessment (thread-safe). The DRL in rules/ is the
 * source of truth: the build also compiles it to the Drools executable model ({@link PrecompileRules}), which
 * {@link #load} uses only while the rules folder still holds exactly the DRL it was compiled from.
 */
public final class RuleBase {
    /** Written by {@link PrecompileRules}: the hash of the DRL, the model classes, and every class written. */
    static final String PRECOMPILED = "kensa/rulebase/precompiled-rules.txt";
    static final String HASH_KEY = "drl-sha256=";
    static final String MODEL_KEY = "model=";
    static final String CLASS_KEY = "class=";

    private final KieBase kieBase;
    private final Set<String> ruleIds;
    private final Set<String> extraRuleIds;
    private final Findings.Rules declared;
    private final boolean precompiled;
    /**
     * Sessions are reset and reused: a new one builds its node memories again, which costs more than the rules. Each
     * thread keeps its own, so that its memories stay in that core's caches (a shared pool hands them round).
     */
    private final ThreadLocal<KieSessionsPool> sessions;

    private RuleBase(KieBase kieBase, boolean precompiled, Set<String> extraFiles) {
        this.kieBase = kieBase;
        this.precompiled = precompiled;
        this.sessions = ThreadLocal.withInitial(() -> kieBase.newKieSessionsPool(1));
        this.declared = new Findings.Rules(kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).toList());
        this.ruleIds = kieBase.getKiePackages().stream()
                .filter(p -> !p.getName().equals(DERIVED))
                .flatMap(p -> p.getRules().stream())
                .map(r -> Findings.ruleId(r.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        this.extraRuleIds = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .filter(r -> r instanceof RuleImpl impl && impl.getResource() != null
                        && extraFiles.contains(impl.getResource().getSourcePath()))
                .map(r -> Findings.ruleId(r.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The rules in {@code rules} and in the {@code extra} folders (a consultant's own DRL). The rules precompiled at
     * build time when there are no extra folders and {@code rules} holds exactly the DRL they were compiled from;
     * otherwise every {@code *.drl} compiled now (a few seconds), so an edited rule is never run stale.
     */
    public static RuleBase load(Path rules, List<Path> extra) throws RuleCompileError {
        if (extra.isEmpty()) {
            RuleBase built = precompiled(rules);
            if (built != null) return built;
        }
        List<Path> all = new ArrayList<>();
        all.add(rules);
        all.addAll(extra);
        return compile(all);
    }

    /** {@link #load} on a thread of its own, for a caller with other work to do meanwhile (start-up time). */
    public static Pending loadInBackground(Path rules, List<Path> extra) {
        FutureTask<RuleBase> task = new FutureTask<>(() -> load(rules, extra));
        Thread thread = new Thread(task, "kensa-rules");
        thread.setDaemon(true);
        thread.start();
        return new Pending(task);
    }

    /** Rules being loaded by {@link #loadInBackground}. */
    public static final class Pending {
        private final FutureTask<RuleBase> task;

        private Pending(FutureTask<RuleBase> task) { this.task = task; }

        /** Waits for the rules: what {@link #load} would have returned or thrown. */
        public RuleBase get() throws RuleCompileError {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the rules", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuleCompileError c) throw c;
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Compiles every {@code *.drl} below the given folders; rules from the second folder on are
     * {@linkplain #extraRuleIds() extra}.
     */
    public static RuleBase compile(List<Path> ruleDirs) throws RuleCompileError {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        Set<String> extra = new HashSet<>();
        for (int i = 0; i < ruleDirs.size(); i++) {
            List<String> written = write(kie, files, ruleDirs.get(i), i > 0);
            if (i > 0) extra.addAll(written);
        }
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new RuleCompileError(errors);
        KieBase base = kie.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        return new RuleBase(base, false, extra);
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    /**
     * Writes every {@code *.drl} below the folder into the file system and returns where: the bundled rules by their
     * path below rules/ (the folders are their packages), a consultant's by their package and file name, numbered
     * if that is taken (Drools warns about a file whose folder is not its package).
     */
    static List<String> write(KieServices kie, KieFileSystem files, Path dir, boolean byPackage) {
        List<String> written = new ArrayList<>();
        for (Path drl : drlFiles(dir)) {
            String path;
            if (byPackage) {
                Matcher m = PACKAGE.matcher(read(drl));
                String folder = m.find() ? m.group(1).replace('.', '/') + "/" : "";
                String name = drl.getFileName().toString().replaceFirst("\\.drl$", "");
                path = folder + name + ".drl";
                for (int n = 2; files.read("src/main/resources/" + path) != null; n++) path = folder + name + "-" + n + ".drl";
            } else {
                path = dir.getFileName() + "/" + dir.relativize(drl).toString().replace('\\', '/');
            }
            files.write("src/main/resources/" + path, kie.getResources().newFileSystemResource(drl.toFile(), "UTF-8"));
            written.add(path);
        }
        return written;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules compiled at build time, if they were compiled from exactly the DRL now in {@code rules}; else null. */
    static RuleBase precompiled(Path rules) {
        List<String> index;
        try (InputStream in = RuleBase.class.getClassLoader().getResourceAsStream(PRECOMPILED)) {
            if (in == null) return null;
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return null;
        }
        if (!Files.isDirectory(rules) || !index.contains(HASH_KEY + drlHash(rules))) return null;
        try {
            List<Model> models = new ArrayList<>();
            for (String line : index) {
                if (line.startsWith(MODEL_KEY)) {
                    models.add((Model) Class.forName(line.substring(MODEL_KEY.length())).getConstructor().newInstance());
                }
            }
            return new RuleBase(KieBaseBuilder.createKieBaseFromModel(models), true, Set.of());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // a jar with none or only part of them: compiling the DRL gives the same rules
        }
    }

    /** SHA-256 over every {@code *.drl} below the folder: its path in the folder, its length and its bytes. */
    public static String drlHash(Path dir) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path drl : drlFiles(dir)) {
                byte[] bytes = Files.readAllBytes(drl);
                sha.update((dir.relativize(drl).toString().replace('\\', '/') + "\u0000" + bytes.length + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether these are the rules compiled at build time (not compiled from the DRL at run time). */
    public boolean isPrecompiled() { return precompiled; }

    /**
     * The package of derived facts ({@code rules/derived/}): rules that state a guard once for the decision rules to read
     * (insertLogical). They report no findings, so they have no rule id of their own.
     */
    public static final String DERIVED = "rules.derived";

    /** The DRL files of decision rules: each is one rule id, with its scenarios beside it. */
    public static List<Path> decisionDrlFiles(Path dir) {
        Path derived = dir.resolve("derived");
        return drlFiles(dir).stream().filter(p -> !p.startsWith(derived)).toList();
    }

    public static List<Path> drlFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every rule over the facts and returns what they found. */
    public List<Finding> run(List<Object> facts) {
        return run(facts, List.of(List.of())).get(0);
    }

    /**
     * What the rules find over the facts together with each set of variant facts in turn (an edition's parameters):
     * one list per set, as if each were run on its own. The facts are inserted once; between sets only the variant
     * facts that differ are replaced (rules only read facts, so an equal fact kept is as good as one inserted again),
     * so only the rules that read those run again; a finding counts for a set only while its match holds as it was
     * when it fired.
     */
    public List<List<Finding>> run(List<Object> facts, List<? extends List<?>> variants) {
        return run(facts, variants, null);
    }

    /**
     * The names of the DRL rules that fired over the facts and one set of variant facts: how the tests check that every
     * rule, derived ones included (they report no finding), is reached by some scenario.
     */
    public Set<String> firing(List<Object> facts, List<?> variant) {
        Set<String> fired = new HashSet<>();
        run(facts, List.of(variant), fired);
        return fired;
    }

    private List<List<Finding>> run(List<Object> facts, List<? extends List<?>> variants, Set<String> fired) {
        KieSession session = sessions.get().newKieSession();
        Findings findings = new Findings(declared);
        RuleEventListener undo = new RuleEventListener() {
            @Override
            public void onAfterMatchFire(Match match) {
                if (fired != null) fired.add(match.getRule().getName());
            }

            @Override
            public void onDeleteMatch(Match match) { findings.undo(match); }

            @Override
            public void onUpdateMatch(Match match) { findings.undo(match); }
        };
        ((RuleEventManager) session).addEventListener(undo);
        try {
            session.setGlobal("findings", findings);
            for (Object fact : facts) session.insert(fact);
            List<List<Finding>> found = new ArrayList<>(variants.size());
            Map<Object, FactHandle> inserted = new HashMap<>();
            for (List<?> variant : variants) {
                Set<Object> next = new HashSet<>(variant);
                inserted.entrySet().removeIf(fact -> {
                    if (next.contains(fact.getKey())) return false;
                    session.delete(fact.getValue());
                    return true;
                });
                for (Object fact : variant) inserted.computeIfAbsent(fact, session::insert);
                session.fireAllRules();
                found.add(findings.holding());
            }
            return found;
        } finally {
            ((RuleEventManager) session).removeEventListener(undo); // the session is reused
            session.dispose(); // back to the pool, reset
        }
    }

    public Set<String> ruleIds() { return ruleIds; }

    /** The ids of the rules from extra folders (a consultant's own, {@code assess --rules}); empty without them. */
    public Set<String> extraRuleIds() { return extraRuleIds; }

    /** Each rule id's topic (its DRL package without "rules.") and the highest severity its DRL rules declare. */
    public Map<String, Info> info() {
        Map<String, Info> info = new TreeMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            if (p.getName().equals(DERIVED)) continue;
            for (Rule r : p.getRules()) {
                Severity s = Severity.ofCode(r.getMetaData().get("severity"));
                String topic = p.getName().startsWith("rules.") ? p.getName().substring("rules.".length()) : p.getName();
                info.merge(Findings.ruleId(r.getName()), new Info(topic, s),
                        (a, b) -> b.severity() != null && (a.severity() == null || b.severity().compareTo(a.severity()) < 0) ? b : a);
            }
        }
        return info;
    }

    public record Info(String topic, Severity severity) {}

    /** DRL rule names, for checks that every rule follows the naming convention. */
    public List<String> ruleNames() {
        return kieBase.getKiePackages().stream().map(KiePackage::getRules).flatMap(rules -> rules.stream())
                .map(Rule::getName).sorted().toList();
    }
}
