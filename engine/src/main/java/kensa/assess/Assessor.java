package kensa.assess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kensa.checklist.Checklist;
import kensa.checklist.Gate;
import kensa.checklist.GuidelineRef;
import kensa.checklist.Scope;
import kensa.facts.Facility;
import kensa.rulebase.RuleBase;

/**
 * Runs the rules over one facility and fills a checklist form from their findings. This is the
 * one place where findings are aggregated: per cell, by {@link Status#combine}.
 */
public final class Assessor {
    private final RuleBase rules;
    private final FactGraph facts = new FactGraph(Facility.class);

    public Assessor(RuleBase rules) {
        this.rules = rules;
    }

    /** What every rule found about the facility, before any checklist is applied. */
    public List<Finding> findings(Facility facility) {
        return rules.run(facts.flatten(facility));
    }

    public Assessment assess(Facility facility, String fileName, Checklist form, LocalDate asOf) {
        List<Finding> findings = findings(facility);
        Map<String, String> scopeLabels = form.getScope().stream()
                .collect(Collectors.toMap(Scope::getCode, Scope::getLabel));

        Assessment.Cell gate = null;
        Finding closedByGate = null;
        if (form.getGate() != null) {
            Gate g = form.getGate();
            gate = cell(g.getNumber(), null, null, g.getText(), List.of(g.getRule()), findings, null, asOf);
            if (gate.status() == Status.NOT_MET) {
                closedByGate = new Finding(g.getRule(), null, Status.NOT_APPLICABLE, g.getNotApplicableReason(), null);
            }
        }

        List<Assessment.Section> sections = new ArrayList<>();
        for (kensa.checklist.Section s : form.getSection()) {
            List<Assessment.Item> items = new ArrayList<>();
            for (kensa.checklist.Item item : s.getItem()) {
                List<Assessment.Cell> cells = new ArrayList<>();
                for (kensa.checklist.Cell c : item.getCell()) {
                    LocalDate due = c.getDeadline() != null ? c.getDeadline() : form.getDeadline();
                    String scopeLabel = scopeLabels.get(c.getScope());
                    cells.add(closedByGate != null
                            ? new Assessment.Cell(item.getNumber(), c.getScope(), scopeLabel, null,
                                    Status.NOT_APPLICABLE, null, null, List.of(closedByGate))
                            : cell(item.getNumber(), c.getScope(), scopeLabel, null, c.getRule(), findings, due, asOf));
                }
                items.add(new Assessment.Item(item.getNumber(), item.getText(),
                        item.getGuidelineRef().stream().map(GuidelineRef::getValue).toList(), cells));
            }
            sections.add(new Assessment.Section(s.getNumber(), s.getTitle(), items));
        }

        return new Assessment(Assessment.FORMAT_VERSION,
                new Assessment.Facility(facility.getName(), facility.getFacilityType().value(),
                        facility.getLicensedBeds(), fileName),
                asOf,
                new Assessment.Checklist(form.getId(), form.getTitle(), form.getEdition(), form.getForm(), form.getDeadline()),
                count(sections), gate, sections);
    }

    /** The findings of the cell's rules in its scope, combined; ordered by rule, then status, then text. */
    private static Assessment.Cell cell(String item, String scope, String scopeLabel, String text, List<String> ruleIds,
                                        List<Finding> all, LocalDate deadline, LocalDate asOf) {
        List<Finding> mine = all.stream()
                .filter(f -> ruleIds.contains(f.rule()) && (scope == null || f.scope() == null || scope.equals(f.scope())))
                .sorted(Comparator.comparing((Finding f) -> ruleIds.indexOf(f.rule()))
                        .thenComparing(Finding::status)
                        .thenComparing(Finding::evidence))
                .toList();
        Status status = Status.combine(mine.stream().map(Finding::status).toList());
        LocalDate due = status.isGap() ? deadline : null;
        Boolean overdue = due == null ? null : asOf.isAfter(due);
        return new Assessment.Cell(item, scope, scopeLabel, text, status, due, overdue, mine);
    }

    private static Assessment.Counts count(List<Assessment.Section> sections) {
        Map<Status, Long> by = sections.stream().flatMap(s -> s.items().stream()).flatMap(i -> i.cells().stream())
                .collect(Collectors.groupingBy(Assessment.Cell::status, Collectors.counting()));
        Function<Status, Integer> n = s -> by.getOrDefault(s, 0L).intValue();
        return new Assessment.Counts(by.values().stream().mapToInt(Long::intValue).sum(),
                n.apply(Status.MET), n.apply(Status.NOT_MET), n.apply(Status.UNANSWERED), n.apply(Status.NOT_APPLICABLE));
    }
}
