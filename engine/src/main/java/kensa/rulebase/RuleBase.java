package kensa.rulebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kensa.assess.Finding;
import kensa.assess.Findings;
import kensa.assess.Severity;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.StatelessKieSession;

/** The DRL rules compiled once into a KieBase, shared by every assessment (thread-safe). */
public final class RuleBase {
    private final KieBase kieBase;
    private final Set<String> ruleIds;

    private RuleBase(KieBase kieBase) {
        this.kieBase = kieBase;
        this.ruleIds = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .map(r -> Findings.ruleId(r.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Compiles every {@code *.drl} below the given folders. */
    public static RuleBase compile(List<Path> ruleDirs) throws RuleCompileError {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        for (Path dir : ruleDirs) {
            for (Path drl : drlFiles(dir)) {
                String name = "src/main/resources/" + dir.getFileName() + "/" + dir.relativize(drl).toString().replace('\\', '/');
                files.write(name, kie.getResources().newFileSystemResource(drl.toFile(), "UTF-8"));
            }
        }
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new RuleCompileError(errors);
        KieBase base = kie.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        return new RuleBase(base);
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
        StatelessKieSession session = kieBase.newStatelessKieSession();
        Findings findings = new Findings();
        session.setGlobal("findings", findings);
        session.execute(facts);
        return findings.list();
    }

    public Set<String> ruleIds() { return ruleIds; }

    /** Each rule id's topic (its DRL package without "rules.") and the highest severity its DRL rules declare. */
    public Map<String, Info> info() {
        Map<String, Info> info = new TreeMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
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
