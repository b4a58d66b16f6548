package kensa;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kensa.assess.Assessor;
import kensa.rulebase.Finding;
import kensa.rulebase.Parameter;
import kensa.checklist.Checklist;
import kensa.guideline.Guideline;
import kensa.scenario.Scenario;
import kensa.scenario.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * One rule session per facility serves every edition applied to it (the form's, the vendor form's, the guideline's):
 * each edition gets exactly what a run of its own gives, whatever the order the editions are run in.
 */
class EditionRunsTest {

    @Test
    void eachEditionGetsWhatARunOfItsOwnGives() {
        Assessor assessor = Project.assessor();
        Set<List<Parameter>> editions = new LinkedHashSet<>();
        for (Checklist c : Project.checklists().all()) editions.add(parameters(c.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList()));
        for (Guideline g : Project.guidelines().all()) editions.add(parameters(g.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList()));
        int compared = 0;
        for (Path file : ScenarioTest.scenarioFiles()) {
            if (!Files.exists(file)) continue;
            Scenarios scenarios = ScenarioTest.read(file);
            Set<List<Parameter>> sets = new LinkedHashSet<>(editions);
            sets.add(parameters(scenarios.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList()));
            List<List<Parameter>> inOrder = new ArrayList<>(sets);
            List<List<Parameter>> reversed = new ArrayList<>(inOrder);
            java.util.Collections.reverse(reversed);
            for (Scenario s : scenarios.getScenario()) {
                LocalDate asOf = s.getAsOf() != null ? s.getAsOf() : s.getFacility().getAssessmentDate();
                for (List<List<Parameter>> order : List.of(inOrder, reversed)) {
                    Map<List<Parameter>, List<Finding>> together = assessor.findingsByEdition(s.getFacility(), order, asOf);
                    for (List<Parameter> edition : order) {
                        List<Finding> alone = sorted(assessor.findings(s.getFacility(), edition, asOf));
                        List<Finding> shared = sorted(together.get(edition));
                        if (!alone.equals(shared)) {
                            fail(file.getFileName() + ": " + s.getName() + " under " + edition + " after " + order
                                    + "\nonly on its own: " + without(alone, shared) + "\nonly when shared: " + without(shared, alone));
                        }
                    }
                }
                compared++;
            }
        }
        assertTrue(editions.size() >= 4 && compared > 100, editions.size() + " editions, " + compared + " scenarios");
    }

    private static List<Finding> without(List<Finding> these, List<Finding> those) {
        List<Finding> left = new ArrayList<>(these);
        those.forEach(left::remove);
        return left;
    }

    private static List<Parameter> parameters(List<Parameter> parameters) {
        return List.copyOf(parameters);
    }

    private static List<Finding> sorted(List<Finding> findings) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return findings.stream().sorted(Comparator.comparing(Finding::rule).thenComparing(Finding::subject, text)
                .thenComparing(Finding::scope, text).thenComparing(Finding::status).thenComparing(Finding::evidence, text)).toList();
    }
}
