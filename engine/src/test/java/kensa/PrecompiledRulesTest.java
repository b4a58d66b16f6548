package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.rulebase.Finding;
import kensa.rulebase.Parameter;
import kensa.facts.Facility;
import kensa.rulebase.RuleBase;
import kensa.scenario.Scenario;
import kensa.scenario.Scenarios;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules compiled at build time (executable model) are the DRL in rules/: the same rules and the same findings,
 * used only while rules/ holds exactly the DRL they were compiled from; and a consultant's extra rules (--rules).
 */
class PrecompiledRulesTest {
    static RuleBase precompiled;

    @BeforeAll
    static void load() throws Exception {
        assumeFalse(Boolean.getBoolean("kensa.skipPrecompile"), "built with -Dkensa.skipPrecompile=true");
        precompiled = RuleBase.load(Project.RULES, List.of());
    }

    @Test
    void theBuildPrecompilesTheRulesInTheTree() {
        assertTrue(precompiled.isPrecompiled(), "rules/ differs from the DRL compiled at build time, or the build did not precompile it");
        assertFalse(Project.ruleBase().isPrecompiled());
        assertEquals(Project.ruleBase().ruleNames(), precompiled.ruleNames());
        assertEquals(Project.ruleBase().info(), precompiled.info());
    }

    @Test
    void everyRuleScenarioHasTheSameFindings() {
        Assessor drl = Project.assessor();
        Assessor built = new Assessor(precompiled, Project.checklists());
        int compared = 0;
        for (Path file : ScenarioTest.scenarioFiles()) {
            if (!Files.exists(file)) continue;
            Scenarios scenarios = ScenarioTest.read(file);
            List<Parameter> parameters = scenarios.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList();
            for (Scenario s : scenarios.getScenario()) {
                LocalDate asOf = s.getAsOf() != null ? s.getAsOf() : s.getFacility().getAssessmentDate();
                assertEquals(sorted(drl.findings(s.getFacility(), parameters, asOf)),
                        sorted(built.findings(s.getFacility(), parameters, asOf)), file.getFileName() + ": " + s.getName());
                compared++;
            }
        }
        assertTrue(compared > 100, "only " + compared + " scenarios");
    }

    @Test
    void everyExampleHasTheSameAssessment() throws Exception {
        Assessor drl = Project.assessor();
        Assessor built = new Assessor(precompiled, Project.checklists());
        XmlFiles<Facility> reader = new XmlFiles<>(Facility.class, Project.SCHEMA.resolve("facility.xsd"));
        try (Stream<Path> examples = Files.list(Project.EXAMPLES)) {
            for (Path file : examples.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                Facility facility = reader.read(file);
                Plan plan = Project.plan(file, facility);
                Assessment a = drl.assess(facility, file, plan);
                Assessment b = built.assess(facility, file, plan);
                assertEquals(a, b, file.getFileName().toString());
            }
        }
    }

    @Test
    void editedRulesAreCompiledNotRunStale(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        copy(Project.RULES, rules);
        Path drl = rules.resolve("scope/medical_information_system_in_use.drl");
        String text = Files.readString(drl, StandardCharsets.UTF_8);
        assertEquals(RuleBase.drlHash(Project.RULES), RuleBase.drlHash(rules), "a copy has the same hash");
        Files.writeString(drl, text + "\n// edited\n", StandardCharsets.UTF_8);
        assertNotEquals(RuleBase.drlHash(Project.RULES), RuleBase.drlHash(rules));

        RuleBase loaded = RuleBase.load(rules, List.of());
        assertFalse(loaded.isPrecompiled(), "an edited DRL must be compiled, not replaced by the rules built from the old one");
        assertEquals(precompiled.ruleNames(), loaded.ruleNames());
    }

    /**
     * A consultant's rules, written the old way: the facility's name pasted into the sentence instead of given as a value
     * (kensa.rulebase.Text), as rules written before findings became templates do.
     */
    static final String CONSULTANT_RULES = """
            package consultant;

            import kensa.facts.Facility;

            global kensa.rulebase.Findings findings;

            rule "visitor_log_kept: every facility"
                @severity(low)
            when
                Facility($name: name)
            then
                findings.unanswered(drools, null, "「" + $name + "」の入館記録: 未確認", "入館記録を1年分保管しているか確認してください。");
            end

            // An id that the checklists already name: its findings join that item's.
            rule "security_officer_appointed: consultant's own check"
                @severity(high)
            when
                Facility()
            then
                findings.notMet(drools, null, "責任者の任命書が見当たらない", "任命書を作ってください。");
            end
            """;

    /** A consultant's own rules in a folder of their own: compiled with the bundled ones, shown by rule id in the JSON. */
    @Test
    void extraRulesFromAFolder(@TempDir Path tmp) throws IOException {
        Path extra = tmp.resolve("my-rules");
        Files.createDirectories(extra);
        Files.writeString(extra.resolve("visitor_log.drl"), CONSULTANT_RULES, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        String example = Project.EXAMPLES.resolve("compliant-clinic.xml").toString();
        CliTest.Run run = CliTest.kensa("assess", example, "-o", out.toString(), "--format", "json", "--rules", extra.toString());
        assertEquals(1, run.exit(), run.stderr()); // the extra finding on 1-(1) is a gap in an otherwise compliant clinic
        JsonNode json = CliTest.readAssessment(out.resolve("compliant-clinic.json"));

        JsonNode mine = json.path("extraRules").path("visitor_log_kept");
        assertEquals(1, mine.size(), json.path("extraRules").toString());
        assertEquals("unanswered", mine.get(0).path("status").asText());
        assertEquals("low", mine.get(0).path("severity").asText());
        assertTrue(mine.get(0).path("evidence").asText().contains("入館記録"));
        assertFalse(json.toString().replace(json.path("extraRules").toString(), "").contains("visitor_log_kept"),
                "a rule no form names decides no cell");

        List<JsonNode> officer = new ArrayList<>();
        json.path("sections").forEach(s -> s.path("items").forEach(i -> i.path("cells").forEach(c -> {
            if (c.path("findings").toString().contains("security_officer_appointed")) officer.add(c);
        })));
        assertFalse(officer.isEmpty());
        for (JsonNode cell : officer) {
            assertEquals("not_met", cell.path("status").asText(), cell.toString());
            assertTrue(cell.path("findings").toString().contains("責任者の任命書が見当たらない"), cell.toString());
        }
        assertTrue(json.path("extraRules").has("security_officer_appointed"));

        CliTest.Run without = CliTest.kensa("assess", example, "-o", tmp.resolve("plain").toString(), "--format", "json");
        assertEquals(0, without.exit(), without.stderr());
        assertFalse(Files.readString(tmp.resolve("plain/compliant-clinic.json")).contains("extraRules"));

        CliTest.Run missing = CliTest.kensa("assess", example, "-o", out.toString(), "--rules", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().contains("--rules"), missing.stderr());
    }

    /**
     * The old way still works in a batch record: a name with template syntax pasted into a sentence prints as written
     * (with a warning, never exit 3), and an extra rule's codes are long enough for a text per facility (12 characters).
     */
    @Test
    void oldStyleExtraRulesInABatchRecord(@TempDir Path tmp) throws IOException {
        Path extra = Files.createDirectories(tmp.resolve("my-rules"));
        Files.writeString(extra.resolve("visitor_log.drl"), CONSULTANT_RULES, StandardCharsets.UTF_8);
        Path in = Files.createDirectories(tmp.resolve("in"));
        String xml = Files.readString(Project.EXAMPLES.resolve("compliant-clinic.xml"));
        String name = xml.replaceFirst("(?s).*?<name>([^<]*)</name>.*", "$1");
        Files.writeString(in.resolve("a.xml"), xml.replace("<name>" + name + "</name>", "<name>${x}医院</name>"));
        Files.writeString(in.resolve("b.xml"), xml);
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", tmp.resolve("out").toString(), "--format", "json,jsonl",
                "--quiet", "--rules", extra.toString());
        assertEquals(1, run.exit(), run.stderr());
        JsonNode a = CliTest.readAssessment(tmp.resolve("out/a.json"));
        assertEquals("「${x}医院」の入館記録: 未確認", a.path("extraRules").path("visitor_log_kept").get(0).path("evidence").asText());
        JsonNode catalog = CliTest.JSON.readTree(tmp.resolve("out/catalog.json").toFile());
        List<String> codes = new ArrayList<>();
        catalog.get("texts").fields().forEachRemaining(e -> {
            if (e.getValue().path("rule").asText().equals("visitor_log_kept")) codes.add(e.getKey());
        });
        assertEquals(2, codes.size(), "a text per facility: " + codes);
        for (String code : codes) assertEquals(12, code.length(), code);
        catalog.get("texts").fields().forEachRemaining(e -> {
            if (e.getValue().path("rule").asText().equals("access_rights_by_role")) assertEquals(6, e.getKey().length(), e.getKey());
        });
    }

    private static List<Finding> sorted(List<Finding> findings) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return findings.stream().sorted(Comparator.comparing(Finding::rule).thenComparing(Finding::subject, text)
                .thenComparing(Finding::scope, text).thenComparing(Finding::status).thenComparing(Finding::evidence, text)).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
