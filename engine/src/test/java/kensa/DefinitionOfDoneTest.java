package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kensa.rulebase.Findings;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.checklist.Checklist;
import kensa.checklist.Cite;
import kensa.checklist.Scope;
import kensa.checklist.Source;
import kensa.guideline.Guideline;
import kensa.rulebase.RuleBase;
import kensa.scenario.Expect;
import kensa.scenario.ExpectedStatus;
import kensa.scenario.Scenarios;
import org.junit.jupiter.api.Test;

/** What every rule and checklist must have before it counts as done (see conventions). */
class DefinitionOfDoneTest {
    private static final Pattern RULE_NAME = Pattern.compile("^rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern SEVERITY = Pattern.compile("[ \\t]*\\R[ \\t]*@severity\\((critical|high|medium|low)\\)");

    @Test
    void everyRuleFileHasScenariosBothWays() {
        assertEquals(List.of(), scenariosBothWays(ScenarioTest.scenarioFiles(), "the DRL", Scenarios::getRule));
    }

    @Test
    void everyChecklistHasScenariosBothWays() {
        assertEquals(List.of(), scenariosBothWays(ScenarioTest.checklistScenarioFiles(), "the checklist", Scenarios::getChecklist));
    }

    /** Each file exists, names what it sits beside, and has a met and a not-met expectation. */
    private static List<String> scenariosBothWays(List<Path> files, String beside, java.util.function.Function<Scenarios, String> names) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String id = file.getFileName().toString().replace(".scenarios.xml", "");
            if (!Files.exists(file)) {
                problems.add(id + ": no " + file.getFileName() + " beside " + beside);
                continue;
            }
            Scenarios s = ScenarioTest.read(file);
            if (!id.equals(names.apply(s))) problems.add(file + ": names " + names.apply(s) + " but the file is for " + id);
            Set<ExpectedStatus> seen = new HashSet<>();
            s.getScenario().forEach(sc -> sc.getExpect().stream().map(Expect::getStatus).forEach(seen::add));
            if (!seen.contains(ExpectedStatus.MET)) problems.add(id + ": no scenario where it is met");
            if (!seen.contains(ExpectedStatus.NOT_MET)) problems.add(id + ": no scenario where it is not met");
        }
        return problems;
    }

    @Test
    void everyDrlRuleNameStartsWithItsFilesRuleId() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path drl : RuleBase.decisionDrlFiles(Project.RULES)) {
            String id = drl.getFileName().toString().replace(".drl", "");
            Matcher m = RULE_NAME.matcher(Files.readString(drl));
            int rules = 0;
            while (m.find()) {
                rules++;
                if (!m.group(1).startsWith(id + ": ")) problems.add(drl + ": rule \"" + m.group(1) + "\" must start with \"" + id + ": \"");
            }
            if (rules == 0) problems.add(drl + ": no rule");
        }
        assertEquals(List.of(), problems);
        assertTrue(Project.ruleBase().ruleNames().stream().allMatch(n -> n.contains(":")));
    }

    @Test
    void checklistsAndRulesMatchExactly() throws Exception {
        Set<String> ruleIds = Project.ruleBase().ruleIds();
        Set<String> referenced = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Checklist c : Project.checklists().all()) {
            Set<String> sources = new HashSet<>(c.getSource().stream().map(Source::getId).toList());
            Set<String> scopes = new HashSet<>(c.getScope().stream().map(Scope::getCode).toList());
            List<Cite> cites = new ArrayList<>();
            if (c.getGate() != null) {
                referenced.add(c.getGate().getRule());
                cites.addAll(c.getGate().getCite());
            }
            boolean vendorForm = c.getAppliesTo().contains(Checklists.VENDOR);
            Set<String> keys = new HashSet<>();
            c.getSection().forEach(s -> s.getItem().forEach(item -> {
                cites.addAll(item.getCite());
                if (!keys.add(item.getKey())) problems.add(c.getId() + " " + item.getNumber() + ": key " + item.getKey() + " used twice");
                item.getCell().forEach(cell -> {
                    referenced.addAll(cell.getRule());
                    if (cell.getRule().isEmpty() && !vendorForm) {
                        problems.add(c.getId() + " " + item.getNumber() + ": a cell without rules (only a vendor's form may rely on declarations alone)");
                    }
                    if (cell.getScope() != null && !scopes.contains(cell.getScope())) {
                        problems.add(c.getId() + " " + item.getNumber() + ": undeclared scope " + cell.getScope());
                    }
                });
            }));
            cites.stream().filter(cite -> !sources.contains(cite.getSource()))
                    .forEach(cite -> problems.add(c.getId() + ": cites undeclared source " + cite.getSource()));
        }
        for (Guideline g : Project.guidelines().all()) {
            Set<String> sources = new HashSet<>(g.getSource().stream().map(kensa.guideline.Source::getId).toList());
            Set<String> keys = new HashSet<>();
            List<kensa.guideline.Cite> cites = new ArrayList<>();
            g.getParameter().forEach(p -> cites.addAll(p.getCite()));
            g.getVolume().forEach(v -> {
                if (v.getAppliesWhen() != null) referenced.add(v.getAppliesWhen());
                if (v.getDeemedWhen() != null) referenced.add(v.getDeemedWhen());
                if (v.getDeemedThrough() != null && g.getVolume().stream().noneMatch(t -> t.getKey().equals(v.getDeemedThrough()))) {
                    problems.add(g.getId() + " " + v.getKey() + ": deemedThrough names no volume " + v.getDeemedThrough());
                }
            });
            Guidelines.requirements(g).forEach(r -> {
                referenced.addAll(r.getRule());
                cites.addAll(r.getCite());
                if (!keys.add(r.getKey())) problems.add(g.getId() + " " + r.getNumber() + ": key " + r.getKey() + " used twice");
            });
            cites.stream().filter(cite -> !sources.contains(cite.getSource()))
                    .forEach(cite -> problems.add(g.getId() + ": cites undeclared source " + cite.getSource()));
        }
        referenced.stream().filter(id -> !ruleIds.contains(id)).sorted()
                .forEach(id -> problems.add("checklist or guideline names rule " + id + ", which no DRL defines"));
        ruleIds.stream().filter(id -> !referenced.contains(id)).sorted()
                .forEach(id -> problems.add("orphan rule " + id + ": no checklist item or guideline requirement uses it"));
        assertEquals(List.of(), problems);
    }

    /**
     * The executive summary ranks by severity, so every rule id says how much its gap matters: once, on the first rule
     * of its file (it holds for all the file's rules), and nowhere else.
     */
    @Test
    void everyRuleIdDeclaresASeverityOnce() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path drl : RuleBase.decisionDrlFiles(Project.RULES)) {
            String text = Files.readString(drl);
            Matcher rule = RULE_NAME.matcher(text);
            if (rule.find() && !SEVERITY.matcher(text.substring(rule.end())).lookingAt()) {
                problems.add(drl.getFileName() + ": the first rule \"" + rule.group(1) + "\" needs @severity(critical|high|medium|low) on its next line");
            }
            long stated = Pattern.compile("@severity\\(").matcher(text).results().count();
            if (stated > 1) problems.add(drl.getFileName() + ": @severity stated " + stated + " times; once, on the first rule, is enough");
        }
        assertEquals(List.of(), problems);
        assertTrue(Project.ruleBase().info().values().stream().allMatch(i -> i.severity() != null), "Drools reads every severity");
    }

    /**
     * A cell that several rules decide is 未回答 when one of them has no answer: each such cell of a form with items has a
     * checklist scenario that expects it unanswered.
     */
    @Test
    void everyCellOfSeveralRulesHasAnUnansweredScenario() {
        List<String> problems = new ArrayList<>();
        for (Path file : ScenarioTest.checklistScenarioFiles()) {
            if (!Files.exists(file)) continue;
            Scenarios scenarios = ScenarioTest.read(file);
            Set<String> unanswered = new HashSet<>();
            scenarios.getScenario().forEach(sc -> sc.getExpect().stream()
                    .filter(e -> e.getStatus() == ExpectedStatus.UNANSWERED && e.getVendor() == null)
                    .forEach(e -> unanswered.add(e.getItem() + " " + e.getScope())));
            Checklist form = Project.checklists().byId(scenarios.getChecklist()).orElseThrow();
            form.getSection().forEach(s -> s.getItem().forEach(i -> i.getCell().forEach(c -> {
                String cell = i.getNumber() + " " + c.getScope();
                if (c.getRule().size() > 1 && !unanswered.contains(cell)) {
                    problems.add(form.getId() + " " + cell + ": no scenario where one of " + c.getRule() + " has no answer");
                }
            })));
        }
        assertEquals(List.of(), problems);
    }

    /**
     * One number per fact: a guideline requirement that cites the checklist by number (「チェックリスト2⑦」) names the
     * item the R7 医療機関確認用 numbers so (2-⑦), and shares a rule with it.
     */
    @Test
    void guidelineAndFormAgreeOnChecklistNumbers() {
        Checklist r7 = Project.checklists().byId("r7-medical").orElseThrow();
        Map<String, Set<String>> rulesByItem = new HashMap<>();
        r7.getSection().forEach(s -> s.getItem().forEach(i -> i.getCell().forEach(c ->
                rulesByItem.computeIfAbsent(i.getNumber(), k -> new HashSet<>()).addAll(c.getRule()))));
        Pattern cited = Pattern.compile("チェックリスト(\\d)([①-⑳])");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (kensa.guideline.Volume v : Project.guidelines().byId("gl-6.0").orElseThrow().getVolume()) {
            for (kensa.guideline.Requirement r : v.getRequirement()) {
                Matcher m = cited.matcher(r.getNumber());
                if (!m.matches() || r.getRule().isEmpty()) continue;
                checked++;
                Set<String> formRules = rulesByItem.getOrDefault(m.group(1) + "-" + m.group(2), Set.of());
                if (r.getRule().stream().noneMatch(formRules::contains)) {
                    problems.add(r.getKey() + " (" + r.getNumber() + ") shares no rule with r7-medical " + m.group(1) + "-" + m.group(2));
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 15, "checked " + checked);
    }

    @Test
    void oneFormPerFillerAndFiscalYear() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Checklist c : Project.checklists().all()) {
            for (String filler : c.getAppliesTo()) {
                if (!seen.add(filler + " " + c.getFiscalYear())) problems.add(c.getId() + ": a second form for " + filler + " in " + c.getFiscalYear());
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Editions are data: the engine and the templates never name one (only the CLI's help shows example arguments). */
    @Test
    void noEngineCodeOrTemplateNamesAnEdition() throws IOException {
        Pattern edition = Pattern.compile("第\\d+(\\.\\d+)?版|令和\\d+年度版|gl-\\d|\"r\\d+-");
        List<String> problems = new ArrayList<>();
        List<Path> roots = new ArrayList<>(List.of(Project.ROOT.resolve("reports")));
        for (String pkg : List.of("assess", "catalog", "render", "rulebase", "xml", "serve")) roots.add(Project.ROOT.resolve("engine/src/main/java/kensa/" + pkg));
        for (Path root : roots) {
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = edition.matcher(Files.readString(f));
                    if (m.find()) problems.add(Project.ROOT.relativize(f) + ": names " + m.group());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void ruleIdOfARuleName() {
        assertEquals("backup_taken", Findings.ruleId("backup_taken: backups performed"));
    }
}
