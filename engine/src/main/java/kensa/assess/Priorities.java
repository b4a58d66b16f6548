package kensa.assess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kensa.catalog.Checklists;
import kensa.rulebase.Finding;
import kensa.rulebase.Severity;
import kensa.rulebase.Status;

/**
 * The executive summary: every open gap once, however many form cells and guideline requirements
 * it decides, ranked by severity, then not met before unanswered, overdue first, then the earliest due date.
 */
public final class Priorities {
    static final int URGENT_ACTIONS = 10;

    /** One open gap, once however many cells and requirements show it, with the earliest date it is due by. */
    public record RankedGap(Finding finding, LocalDate due, boolean overdue) {}

    /** Every open gap of an assessment, most urgent first: the order of its summary's urgent actions, not cut at ten. */
    public static List<RankedGap> ranked(Assessment a) {
        return rank(a.checklist(), a.sections(), a.vendorForms(), a.guideline(), a.assessedOn()).stream()
                .map(g -> new RankedGap(g.finding, g.due, g.overdue)).toList();
    }

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
        List<Gap> ranked = rank(form, sections, vendorForms, guideline, asOf);
        List<Assessment.Action> actions = new ArrayList<>();
        for (Gap g : ranked.subList(0, Math.min(URGENT_ACTIONS, ranked.size()))) {
            actions.add(new Assessment.Action(actions.size() + 1, g.finding, g.due, g.overdue ? Boolean.TRUE : null,
                    List.copyOf(g.basis)));
        }
        int[] bySeverity = new int[Severity.values().length];
        int overdue = 0;
        for (Gap g : ranked) {
            if (g.finding.severity() != null) bySeverity[g.finding.severity().ordinal()]++;
            if (g.overdue) overdue++;
        }
        return new Assessment.Summary(new Assessment.GapCounts(bySeverity[Severity.CRITICAL.ordinal()],
                bySeverity[Severity.HIGH.ordinal()], bySeverity[Severity.MEDIUM.ordinal()], bySeverity[Severity.LOW.ordinal()],
                overdue), actions);
    }

    private static List<Gap> rank(Assessment.Checklist form, List<Assessment.Section> sections,
                                  List<Assessment.VendorForm> vendorForms, Assessment.Guideline guideline, LocalDate asOf) {
        Map<GapKey, Gap> gaps = new LinkedHashMap<>();
        collect(gaps, form, sections, null);
        for (Assessment.VendorForm v : vendorForms) collect(gaps, v.checklist(), v.sections(), v.vendor());
        if (guideline != null) {
            LocalDate fiscalYearEnd = LocalDate.of(Checklists.fiscalYear(asOf) + 1, 3, 31);
            for (Assessment.Volume volume : guideline.volumes()) {
                for (Assessment.Requirement r : volume.requirements()) {
                    if (r.status() == null || !r.status().isGap()) continue;
                    String basis = guideline.edition() + " " + volume.title() + " " + r.number();
                    for (Finding f : r.findings()) {
                        if (!f.status().isGap()) continue;
                        Gap gap = gaps.computeIfAbsent(GapKey.of(f), k -> new Gap(f));
                        gap.basis.add(basis);
                        // A gap no form dates is still to be closed within the fiscal year, as a form's いいえ is.
                        if (f.status() == Status.NOT_MET && gap.due == null) gap.dueBy(fiscalYearEnd, false);
                    }
                }
            }
        }
        List<Gap> ranked = new ArrayList<>(gaps.values());
        ranked.sort(Priorities::urgency);
        return ranked;
    }

    private static void collect(Map<GapKey, Gap> gaps, Assessment.Checklist form, List<Assessment.Section> sections,
                                String vendor) {
        for (Assessment.Section s : sections) {
            for (Assessment.Item item : s.items()) {
                String basis = null;
                for (Assessment.Cell cell : item.cells()) {
                    if (!cell.status().isGap()) continue;
                    for (Finding f : cell.findings()) {
                        if (!f.status().isGap()) continue;
                        Gap gap = gaps.computeIfAbsent(GapKey.of(f), k -> new Gap(f));
                        if (basis == null) {
                            basis = form.edition() + " " + form.form() + " " + item.number() + (vendor == null ? "" : "(" + vendor + ")");
                        }
                        gap.basis.add(basis);
                        // Past its official due date, that date is what the form and the inspector hold it to.
                        boolean overdue = Boolean.TRUE.equals(cell.overdue());
                        gap.dueBy(overdue || cell.target() == null ? cell.due() : cell.target(), overdue);
                    }
                }
            }
        }
    }

    /** A gap is the same gap wherever it shows: the same rule, scope, subject, status and evidence. */
    private record GapKey(String rule, String scope, String subject, Status status, String evidence) {
        static GapKey of(Finding f) {
            return new GapKey(f.rule(), f.scope(), f.subject(), f.status(), f.evidence());
        }
    }

    /**
     * Most urgent first: by severity (none last), not met before unanswered, overdue first, the earliest due date
     * (none last), then rule, subject, scope and evidence, so that equal urgency is always shown in the same order.
     */
    private static int urgency(Gap a, Gap b) {
        int c = Nulls.last(a.finding.severity(), b.finding.severity());
        if (c == 0) c = a.finding.status().compareTo(b.finding.status());
        if (c == 0) c = Boolean.compare(!a.overdue, !b.overdue);
        if (c == 0) c = Nulls.last(a.due, b.due);
        if (c == 0) c = a.finding.rule().compareTo(b.finding.rule());
        if (c == 0) c = Objects.toString(a.finding.subject(), "").compareTo(Objects.toString(b.finding.subject(), ""));
        if (c == 0) c = Objects.toString(a.finding.scope(), "").compareTo(Objects.toString(b.finding.scope(), ""));
        if (c == 0) c = a.finding.evidence().compareTo(b.finding.evidence());
        return c;
    }
}
