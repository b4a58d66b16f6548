package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.rulebase.Finding;
import kensa.rulebase.Findings;
import kensa.rulebase.Parameter;
import kensa.rulebase.Status;
import kensa.catalog.Checklists;
import kensa.checklist.Checklist;
import kensa.rulebase.RuleBase;
import kensa.scenario.Expect;
import kensa.scenario.Scenario;
import kensa.scenario.Scenarios;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenarios file: beside each rule (the rule's findings, against the whole rule base)
 * and beside each checklist (the filled form, as the CLI fills it).
 */
class ScenarioTest {
    static final XmlFiles<Scenarios> SCENARIOS = new XmlFiles<>(Scenarios.class, Project.SCHEMA.resolve("scenarios.xsd"));

    /** One per DRL file, whether it exists or not (the definition-of-done test reports missing ones). */
    static List<Path> scenarioFiles() {
        return RuleBase.decisionDrlFiles(Project.RULES).stream().map(drl -> besides(drl, ".drl")).toList();
    }

    /** One per checklist file with items, whether it exists or not (an edition whose items are not loaded has none to test). */
    static List<Path> checklistScenarioFiles() {
        return Project.checklists().all().stream().filter(Checklists::hasItems)
                .map(c -> Project.CHECKLISTS.resolve(c.getId() + ".scenarios.xml")).toList();
    }

    private static Path besides(Path file, String extension) {
        return file.resolveSibling(file.getFileName().toString().replace(extension, ".scenarios.xml"));
    }

    @TestFactory
    Stream<DynamicNode> everyRuleScenario() {
        Assessor assessor = Project.assessor();
        return scenarioFiles().stream().filter(p -> p.toFile().exists()).map(file -> {
            Scenarios scenarios = read(file);
            List<Parameter> parameters = scenarios.getParameter().stream()
                    .map(p -> new Parameter(p.getName(), p.getValue())).toList();
            return DynamicContainer.dynamicContainer(scenarios.getRule(), scenarios.getScenario().stream()
                    .map(s -> DynamicTest.dynamicTest(s.getName(), file.toUri(),
                            () -> checkRule(assessor, scenarios.getRule(), parameters, s))));
        });
    }

    @TestFactory
    Stream<DynamicNode> everyChecklistScenario() {
        Assessor assessor = Project.assessor();
        return checklistScenarioFiles().stream().filter(p -> p.toFile().exists()).map(file -> {
            Scenarios scenarios = read(file);
            return DynamicContainer.dynamicContainer(scenarios.getChecklist(), scenarios.getScenario().stream()
                    .map(s -> DynamicTest.dynamicTest(s.getName(), file.toUri(),
                            () -> checkForm(assessor, file, scenarios.getChecklist(), s))));
        });
    }

    /**
     * Every DRL rule fires in some rule scenario: each outcome of a rule id (one rule per outcome), and each derived
     * rule (rules/derived: it states a guard once and reports no finding, so it has no scenarios file of its own; the
     * scenarios of the rules that read it check what follows from the fact and from its absence). A rule that no
     * scenario reaches is untested.
     */
    @Test
    void everyRuleFiresInSomeRuleScenario() {
        Assessor assessor = Project.assessor();
        Set<String> fired = new HashSet<>();
        for (Path file : scenarioFiles()) {
            if (!file.toFile().exists()) continue;
            Scenarios scenarios = read(file);
            List<Parameter> parameters = scenarios.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList();
            for (Scenario s : scenarios.getScenario()) {
                LocalDate asOf = s.getAsOf() != null ? s.getAsOf() : s.getFacility().getAssessmentDate();
                fired.addAll(assessor.firing(s.getFacility(), editionOf(parameters, s), asOf));
            }
        }
        Set<String> derived = new HashSet<>();
        for (Path drl : RuleBase.drlFiles(Project.RULES.resolve("derived"))) derived.add(drl.getFileName().toString().replace(".drl", ""));
        List<String> never = Project.ruleBase().ruleNames().stream().filter(name -> !fired.contains(name)).toList();
        assertEquals(List.of(), never, "rules no rule scenario makes fire");
        assertTrue(derived.size() > 5 && fired.stream().anyMatch(n -> derived.contains(Findings.ruleId(n))), "derived rules found");
    }

    private static void checkRule(Assessor assessor, String rule, List<Parameter> parameters, Scenario scenario) {
        LocalDate asOf = scenario.getAsOf() != null ? scenario.getAsOf() : scenario.getFacility().getAssessmentDate();
        List<Finding> findings = assessor.findings(scenario.getFacility(), editionOf(parameters, scenario), asOf).stream()
                .filter(f -> f.rule().equals(rule)).toList();
        for (Finding f : findings) readable(f, rule);
        for (Expect expect : scenario.getExpect()) {
            List<Status> statuses = findings.stream()
                    // As the engine fills a cell: a finding without a scope (or subject) stands in every scope (and subject).
                    .filter(f -> expect.getScope() == null || f.scope() == null || expect.getScope().equals(f.scope()))
                    .filter(f -> expect.getSubject() == null || f.subject() == null || expect.getSubject().equals(f.subject()))
                    .map(Finding::status).toList();
            String where = "scope " + expect.getScope() + ", subject " + expect.getSubject() + ", findings: " + findings;
            if (expect.getStatus().value().equals(SILENT)) {
                if (expect.getBecause() == null || expect.getBecause().isBlank()) fail("a scenario that expects silence says why (because)");
                assertEquals(List.of(), statuses, () -> rule + " was expected to say nothing: " + where);
                continue;
            }
            // Status.combine of nothing is 未回答, so without this a rule that says nothing would pass as unanswered.
            if (statuses.isEmpty()) fail(rule + " said nothing (a named rule must speak): " + where);
            assertEquals(Status.ofCode(expect.getStatus().value()), Status.combine(statuses), () -> where);
        }
    }

    static final String SILENT = "silent";

    /** A finding's texts format (every value its template names is given) into sentences without template syntax. */
    static void readable(Finding f, String rule) {
        for (String text : java.util.Arrays.asList(f.evidence(), f.remediation())) {
            if (text == null) continue;
            assertFalse(text.contains("${") || text.contains("<#") || text.contains("</#"), () -> rule + ": template syntax left in " + text);
        }
    }

    /** The file's parameters, less those the scenario runs without (withoutParameter). */
    private static List<Parameter> editionOf(List<Parameter> parameters, Scenario scenario) {
        Set<String> without = new HashSet<>();
        scenario.getWithoutParameter().forEach(w -> without.add(w.getName()));
        return parameters.stream().filter(p -> !without.contains(p.getName())).toList();
    }

    private static void checkForm(Assessor assessor, Path file, String checklistId, Scenario scenario) throws InputError {
        LocalDate asOf = scenario.getAsOf() != null ? scenario.getAsOf() : scenario.getFacility().getAssessmentDate();
        Objects.requireNonNull(asOf, "the scenario needs asOf or the facility's assessmentDate");
        Plan plan;
        if (scenario.getSelectedByDate()) {
            plan = Project.plan(file, scenario.getFacility(), new Plan.Request(asOf, null, null, null));
            assertEquals(checklistId, plan.form().form().getId(), "form chosen by date " + asOf);
        } else {
            Checklist form = Project.checklists().byId(checklistId).orElseThrow();
            if (form.getAppliesTo().contains(Checklists.VENDOR)) {
                // A vendor form is filled beside the facility's own form of the same edition.
                form = Project.checklists().edition(scenario.getFacility().getFacilityType().value(), form.getFiscalYear())
                        .orElseThrow(() -> new AssertionError("no facility form in the edition of " + checklistId));
            }
            plan = Project.plan(file, scenario.getFacility(), new Plan.Request(asOf, null, form.getId(), null));
        }
        Assessment a = assessor.assess(scenario.getFacility(), file, plan);
        for (Expect expect : scenario.getExpect()) {
            String where = (expect.getVendor() == null ? "" : expect.getVendor() + " ") + expect.getItem()
                    + (expect.getScope() == null ? "" : " " + expect.getScope());
            List<Assessment.Section> sections = a.sections();
            if (expect.getVendor() != null) {
                Assessment.VendorForm vendorForm = a.vendorForms().stream().filter(v -> v.vendor().equals(expect.getVendor()))
                        .findFirst().orElseThrow(() -> new AssertionError("no vendor form for " + expect.getVendor()));
                assertEquals(checklistId, vendorForm.checklist().id(), "the vendor form filled");
                sections = vendorForm.sections();
            }
            Assessment.Item item = null;
            Assessment.Cell cell = null;
            if (a.gate() != null && a.gate().item().equals(expect.getItem()) && expect.getVendor() == null) {
                cell = a.gate();
            } else {
                for (Assessment.Section s : sections) for (Assessment.Item i : s.items()) for (Assessment.Cell c : i.cells()) {
                    if (i.number().equals(expect.getItem()) && Objects.equals(c.scope(), expect.getScope())) {
                        item = i;
                        cell = c;
                    }
                }
            }
            if (cell == null) fail("no cell " + where + " on " + checklistId);
            final Assessment.Cell found = cell;
            for (Finding f : cell.findings()) {
                if (f.isSilence()) fail(where + ": rule " + f.rule() + " said nothing about this cell (a named rule must speak)");
            }
            assertEquals(Status.ofCode(expect.getStatus().value()), cell.status(), () -> where + ": " + found);
            if (expect.getDue() != null) assertEquals(expect.getDue(), cell.due(), () -> where + " due: " + found);
            if (expect.getTarget() != null) assertEquals(expect.getTarget(), cell.target(), () -> where + " target: " + found);
            if (expect.getBasis() != null) assertEquals(expect.getBasis().value(), cell.basis(), () -> where + " basis: " + found);
            if (expect.getContradiction() != null) {
                assertEquals(expect.getContradiction(), Boolean.TRUE.equals(cell.contradiction()), () -> where + " contradiction: " + found);
            }
            if (expect.getChange() != null) {
                if (item == null) fail(where + ": change is checked on items, not the gate");
                String change = item.change() == null ? "unchanged" : item.change();
                assertEquals(expect.getChange().value(), change, where + " change");
            }
        }
    }

    static Scenarios read(Path file) {
        try {
            return SCENARIOS.read(file);
        } catch (InputError e) {
            throw new AssertionError(e.describe());
        }
    }
}
