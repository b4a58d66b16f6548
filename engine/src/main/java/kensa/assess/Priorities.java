package kensa.assess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kensa.catalog.Checklists;

/**
 * The executive summary: every open gap once, however many form cells and guideline requirements
 * it decides, ranked by severity, then not met before unanswered, overdue first, then the earliest due date.
 */
final class Priorities {
    static final int URGENT_ACTIONS = 10;

    private Priorities() {}

    /** One gap finding and everything known about where and by when it is needed. */
    private static final class Gap {
        final Finding finding;
        final Set<String> basis = new LinkedHashSet<>();
        LocalDate due;
        boolean overdue;

        Gap(Finding finding) { this.finding = finding; }

        void dueBy(LocalDate date, boolean past) {
            if (date != null && (due == null || date.isBefore(due))) due = date;
            overdue |= past;
        }
    }

    static Assessment.Summary summarise(Assessment.Checklist form, List<Assessment.Section> sections,
                                        List<Assessment.VendorForm> vendorForms, Assessment.Guideline guideline,
                                        LocalDate asOf) {
        Map<List<Object>, Gap> gaps = new LinkedHashMap<>();
        collect(gaps, form, sections, null);
        for (Assessment.VendorForm v : vendorForms) collect(gaps, v.checklist(), v.sections(), v.vendor());
        if (guideline != null) {
            LocalDate fiscalYearEnd = LocalDate.of(Checklists.fiscalYear(asOf) + 1, 3, 31);
            for (Assessment.Volume volume : guideline.volumes()) {
                for (Assessment.Requirement r : volume.requirements()) {
                    if (r.status() == null || !r.status().isGap()) continue;
                    for (Finding f : r.findings()) {
                        if (!f.status().isGap()) continue;
                        Gap gap = gaps.computeIfAbsent(key(f), k -> new Gap(f));
                        gap.basis.add(guideline.edition() + " " + volume.title() + " " + r.number());
                        // A gap no form dates is still to be closed within the fiscal year, as a form's いいえ is.
                        if (f.status() == Status.NOT_MET && gap.due == null) gap.dueBy(fiscalYearEnd, false);
                    }
                }
            }
        }
        List<Gap> ranked = gaps.values().stream().sorted(URGENCY).toList();
        List<Assessment.Action> actions = new ArrayList<>();
        for (Gap g : ranked.subList(0, Math.min(URGENT_ACTIONS, ranked.size()))) {
            actions.add(new Assessment.Action(actions.size() + 1, g.finding, g.due, g.overdue ? Boolean.TRUE : null,
                    List.copyOf(g.basis)));
        }
        return new Assessment.Summary(new Assessment.GapCounts(
                count(ranked, Severity.CRITICAL), count(ranked, Severity.HIGH), count(ranked, Severity.MEDIUM),
                count(ranked, Severity.LOW), (int) ranked.stream().filter(g -> g.overdue).count()), actions);
    }

    private static void collect(Map<List<Object>, Gap> gaps, Assessment.Checklist form, List<Assessment.Section> sections,
                                String vendor) {
        for (Assessment.Section s : sections) {
            for (Assessment.Item item : s.items()) {
                for (Assessment.Cell cell : item.cells()) {
                    for (Finding f : cell.findings()) {
                        if (!f.status().isGap() || !cell.status().isGap()) continue;
                        Gap gap = gaps.computeIfAbsent(key(f), k -> new Gap(f));
                        gap.basis.add(form.edition() + " " + form.form() + " " + item.number()
                                + (vendor == null ? "" : "(" + vendor + ")"));
                        // Past its official due date, that date is what the form and the inspector hold it to.
                        boolean overdue = Boolean.TRUE.equals(cell.overdue());
                        gap.dueBy(overdue || cell.target() == null ? cell.due() : cell.target(), overdue);
                    }
                }
            }
        }
    }

    private static List<Object> key(Finding f) {
        return java.util.Arrays.asList(f.rule(), f.scope(), f.subject(), f.status(), f.evidence());
    }

    private static int count(List<Gap> gaps, Severity severity) {
        return (int) gaps.stream().filter(g -> g.finding.severity() == severity).count();
    }

    private static final Comparator<Gap> URGENCY = Comparator
            .comparing((Gap g) -> g.finding.severity(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(g -> g.finding.status())
            .thenComparing(g -> !g.overdue)
            .thenComparing(g -> g.due, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(g -> g.finding.rule())
            .thenComparing(g -> Objects.toString(g.finding.subject(), ""))
            .thenComparing(g -> Objects.toString(g.finding.scope(), ""))
            .thenComparing(g -> g.finding.evidence());
}
