package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kensa.assess.Assessor;
import kensa.assess.Finding;
import kensa.assess.Status;
import kensa.rulebase.RuleBase;
import kensa.scenario.Expect;
import kensa.scenario.Scenario;
import kensa.scenario.Scenarios;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every rules/**&#47;*.scenarios.xml against the whole rule base. */
class ScenarioTest {
    static final XmlFiles<Scenarios> SCENARIOS = new XmlFiles<>(Scenarios.class, Project.SCHEMA.resolve("scenarios.xsd"));

    static List<Path> scenarioFiles() {
        return RuleBase.drlFiles(Project.RULES).stream()
                .map(drl -> drl.resolveSibling(drl.getFileName().toString().replace(".drl", ".scenarios.xml")))
                .toList();
    }

    @TestFactory
    Stream<DynamicNode> everyScenario() {
        Assessor assessor = Project.assessor();
        return scenarioFiles().stream().map(file -> {
            Scenarios scenarios = read(file);
            return DynamicContainer.dynamicContainer(scenarios.getRule(), scenarios.getScenario().stream()
                    .map(s -> DynamicTest.dynamicTest(s.getName(), file.toUri(), () -> check(assessor, scenarios.getRule(), s))));
        });
    }

    private static void check(Assessor assessor, String rule, Scenario scenario) {
        List<Finding> findings = assessor.findings(scenario.getFacility()).stream()
                .filter(f -> f.rule().equals(rule)).toList();
        for (Expect expect : scenario.getExpect()) {
            List<Status> statuses = findings.stream()
                    .filter(f -> expect.getScope() == null || expect.getScope().equals(f.scope()))
                    .map(Finding::status).toList();
            assertEquals(Status.ofCode(expect.getStatus().value()), Status.combine(statuses),
                    () -> "scope " + expect.getScope() + ", findings: " + findings);
        }
    }

    static Scenarios read(Path file) {
        try {
            return SCENARIOS.read(file);
        } catch (kensa.xml.InputError e) {
            throw new AssertionError(e.describe());
        }
    }
}
