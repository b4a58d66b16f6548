package kensa.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kensa.assess.Assessment;
import kensa.rulebase.Status;

/**
 * What a batch keeps of one facility once its own reports are written: enough for the summaries, so memory does
 * not grow with the assessments themselves.
 */
public record FacilityResult(String file, String base, String name, String type, Integer licensedBeds, LocalDate assessedOn,
                             String checklistId, String checklistLabel, String checklistSelectedBy, String inForceLabel,
                             Assessment.Counts counts, Assessment.GuidelineCounts guideline, String guidelineEdition,
                             String guidelineSelectedBy, Assessment.GapCounts gaps, List<Cell> cells) {

    /** One answer box of the facility's own form. */
    public record Cell(String item, String scope, String scopeLabel, String text, Status status, LocalDate due) {}

    public static FacilityResult of(Assessment a, String base) {
        List<Cell> cells = new ArrayList<>();
        for (Assessment.Section s : a.sections()) {
            if (Boolean.FALSE.equals(s.onForm())) continue;
            for (Assessment.Item i : s.items()) {
                for (Assessment.Cell c : i.cells()) cells.add(new Cell(c.item(), c.scope(), c.scopeLabel(), i.text(), c.status(), c.due()));
            }
        }
        Assessment.Checklist c = a.checklist();
        return new FacilityResult(a.facility().file(), base, a.facility().name(), a.facility().type(), a.facility().licensedBeds(),
                a.assessedOn(),
                c.id(), c.edition() + " " + c.form(), c.selectedBy(),
                c.inForce() == null ? null : c.inForce().edition() + " " + c.inForce().form(), a.counts(),
                a.guideline() == null ? null : a.guideline().counts(), a.guideline() == null ? null : a.guideline().edition(),
                a.guideline() == null ? null : a.guideline().selectedBy(), a.summary().gaps(), List.copyOf(cells));
    }

    /** Open gaps of every severity, for ranking. */
    public int openGaps() {
        return gaps.critical() + gaps.high() + gaps.medium() + gaps.low();
    }
}
