package kensa.assess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kensa.rulebase.Finding;
import kensa.rulebase.Severity;
import kensa.rulebase.Status;

/**
 * One facility assessed against one checklist form, with each vendor's 事業者 form beside it, and
 * against the guideline edition in force. Its fields are the JSON's (documented in README; how they are written,
 * which are left out when empty, is {@code kensa.render.JsonShape}) and the data every report template reads, so
 * field names are part of the public interface.
 * <p>
 * Each distinct finding is written once, in {@code findings}; cells, requirements and actions refer to it by its key
 * ({@link FindingKeys}: rule id, scope and subject, never a place in a list, so one new finding changes only the lines
 * that mention it). One gap decides many cells and requirements, and repeating it in each made the JSON several times
 * larger.
 */
public record Assessment(
        int formatVersion,
        Facility facility,
        LocalDate assessedOn,
        Summary summary,
        Checklist checklist,
        Counts counts,
        Cell gate,
        List<Section> sections,
        List<VendorForm> vendorForms,
        Guideline guideline,
        List<UnusedDeclaration> unusedDeclarations,
        Map<String, List<Finding>> extraRules,
        List<Finding> findings) {

    public static final int FORMAT_VERSION = 5;

    /** The assessment with its findings list: every finding a cell, requirement or action refers to, in a stable order. */
    static Assessment of(Facility facility, LocalDate assessedOn, Summary summary, Checklist checklist, Counts counts,
                         Cell gate, List<Section> sections, List<VendorForm> vendorForms, Guideline guideline,
                         List<UnusedDeclaration> unusedDeclarations, Map<String, List<Finding>> extraRules) {
        Set<Finding> referred = new LinkedHashSet<>();
        if (gate != null) referred.addAll(gate.findings());
        addCells(referred, sections);
        for (VendorForm v : vendorForms) addCells(referred, v.sections());
        if (guideline != null) {
            for (Volume v : guideline.volumes()) for (Requirement r : v.requirements()) referred.addAll(r.findings());
        }
        for (Action a : summary.urgentActions()) referred.add(a.finding());
        List<Finding> findings = new ArrayList<>(referred);
        findings.sort(Assessment::stable);
        return new Assessment(FORMAT_VERSION, facility, assessedOn, summary, checklist, counts, gate, sections, vendorForms,
                guideline, unusedDeclarations, extraRules, findings);
    }

    private static void addCells(Set<Finding> referred, List<Section> sections) {
        for (Section s : sections) for (Item i : s.items()) for (Cell c : i.cells()) referred.addAll(c.findings());
    }

    /** The findings' order in the file: by rule, subject, scope, status, then their texts (a total order). */
    static int stable(Finding a, Finding b) {
        int c = a.rule().compareTo(b.rule());
        if (c == 0) c = Nulls.first(a.subject(), b.subject());
        if (c == 0) c = Nulls.first(a.scope(), b.scope());
        if (c == 0) c = a.status().compareTo(b.status());
        if (c == 0) c = Nulls.first(a.evidence(), b.evidence());
        if (c == 0) c = Nulls.first(a.remediation(), b.remediation());
        if (c == 0) c = Objects.toString(a.severity(), "").compareTo(Objects.toString(b.severity(), ""));
        return c;
    }

    /** Each finding's key in the JSON. */
    public Map<Finding, String> findingKeys() {
        List<String> keys = FindingKeys.of(findings);
        Map<Finding, String> byFinding = new HashMap<>(findings.size() * 2);
        for (int i = 0; i < findings.size(); i++) byFinding.put(findings.get(i), keys.get(i));
        return byFinding;
    }

    /**
     * For 経営層: the open gaps by severity (each distinct finding once, across the form, the vendor forms
     * and the guideline) and the most urgent actions, most urgent first.
     */
    public record Summary(GapCounts gaps, List<Action> urgentActions) {}

    /** Distinct gap findings (not met or unanswered) by severity; overdue: those past an official due date. */
    public record GapCounts(int critical, int high, int medium, int low, int overdue) {}

    /**
     * One thing to do.
     *
     * @param finding the gap to close
     * @param due     the earliest date a form cell that needs it must be done by, or the end of the current
     *                fiscal year for a gap only the guideline shows; absent for a question left unanswered there
     * @param basis   where it is required: checklist items and guideline requirements, as "edition form number"
     */
    public record Action(int rank, Finding finding, LocalDate due, Boolean overdue,
                         List<String> basis) {}

    /**
     * The guideline edition applied: its requirements decided by rules, and the questions an assessor asks.
     *
     * @param selectedBy in_force (by the assessment date), earliest_available or requested
     */
    public record Guideline(String id, String title, String edition, LocalDate published, String selectedBy,
                            GuidelineCounts counts, List<Volume> volumes) {}

    /**
     * Requirements decided by rules (automated) by status, and those left to an assessor's question (manual);
     * recommended: not done where the source only recommends it (推奨), apart from the gaps.
     */
    public record GuidelineCounts(int automated, int met, int notMet, int unanswered, int notApplicable, int manual,
                                  int recommended) {
        public int gaps() { return notMet + unanswered; }
    }

    /** @param condition when the volume applies only to some facilities, or is deemed complied with through another */
    public record Volume(String key, String title, Condition condition, List<Requirement> requirements) {}

    /**
     * Whether a conditional volume is assessed for this facility, decided by a rule.
     *
     * @param kind    applies_when (assessed only when the rule is met) or deemed_when (when the rule is met, its
     *                requirements are deemed complied with through the volume {@code through} names, みなし遵守)
     * @param holds   the rule is met: the volume applies, or is deemed complied with
     * @param through the title of the volume that stands in for this one (deemed_when only)
     * @param throughOpen with deemed_when and the rule met: how many requirements of that volume are not met or
     *                unanswered (みなし遵守 needs none)
     */
    public record Condition(String kind, String rule, boolean holds, Status status, String through, Integer throughOpen,
                            List<String> evidence) {}

    /**
     * @param text     the requirement's wording (reports only)
     * @param status   combined from its rules' findings; absent for a manual requirement
     * @param severity the highest severity among its open gaps
     * @param question what an assessor asks when no rule decides it (reports only)
     * @param recommended the source only recommends it (「有効」「望ましい」): not done is 推奨 (recommended), never not_met
     */
    public record Requirement(String key, String number, String text, Status status,
                              Severity severity, String question, Boolean recommended,
                              List<Finding> findings) {}

    public record Facility(String name, String type, Integer licensedBeds, String file) {}

    /**
     * The form applied.
     *
     * @param code            the edition's short code (R7)
     * @param selectedBy      why this edition: fiscal_year, latest_available, items_not_loaded, earliest_available or requested
     * @param previousEdition the edition that new and changed items are marked against
     * @param inForce         with items_not_loaded: the edition of the assessment's fiscal year, whose items are not loaded
     */
    public record Checklist(String id, String title, String edition, String code, String form, int fiscalYear,
                            LocalDate deadline, String selectedBy, String previousEdition, InForce inForce) {}

    /** An edition known to be in force whose items kensa does not have yet; issued is a date or a month (YYYY-MM). */
    public record InForce(String id, String title, String edition, String form, String issued) {}

    /** Cells by status, gate excluded (recommended: only a consultant's own rule can make a cell 推奨). */
    public record Counts(int total, int met, int notMet, int unanswered, int notApplicable,
                         int recommended) {
        public int gaps() { return notMet + unanswered; }
    }

    /** @param onForm false for kensa's own checks beside the official form (absent when true) */
    public record Section(String number, String title, Boolean onForm, List<Item> items) {}

    /**
     * @param change     new or changed since the previous edition; absent when unchanged or there is none
     * @param changeNote how it changed, when the wording alone does not show it
     */
    public record Item(String number, String key, String text, String change, String changeNote,
                       List<String> guidelineRefs, List<Cell> cells) {}

    /**
     * One answer box of the form: an item, or one scope column of it.
     *
     * @param basis         facts (the rules decided) or declaration (only the facility's own answer on the form)
     * @param declared      the はい/いいえ written on the form, when the file carries it
     * @param contradiction the declared answer says the opposite of the facts
     * @param reference     a 参考項目, to be achieved by its later due date
     * @param due           when a gap must be closed by (gaps only)
     * @param overdue       the assessment date is past {@code due}
     * @param checkedOn     the 確認日 for the form
     * @param target        the 目標日 for a いいえ on the form
     */
    public record Cell(String item, String scope, String scopeLabel, String text, Status status, String basis,
                       String declared, Boolean contradiction, Boolean reference, LocalDate due, Boolean overdue,
                       LocalDate checkedOn, LocalDate target,
                       List<Finding> findings) {}

    /** A vendor's 事業者確認用, filled from what the facility file holds about that vendor. */
    public record VendorForm(String vendor, String system, LocalDate receivedOn, Checklist checklist, Counts counts,
                             List<Section> sections) {}

    /** Answers written for another form than the one applied, so not used. */
    public record UnusedDeclaration(String checklist, String vendor) {}

    /** Cells needing action on this form and every vendor form, and guideline requirements not met or unanswered. */
    public int gaps() {
        return counts.gaps() + vendorForms.stream().mapToInt(v -> v.counts().gaps()).sum()
                + (gate != null && gate.status() == Status.UNANSWERED ? 1 : 0)
                + (guideline == null ? 0 : guideline.counts().gaps());
    }
}
