package kensa.render;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import kensa.assess.Assessment;
import kensa.rulebase.Finding;

/**
 * How an assessment is written as JSON (the shape README documents), kept apart from the domain types as Jackson
 * mix-ins: which fields are left out when empty, the codes statuses and severities are written as, findings written
 * once and referred to by key ({@link FindingKey}), and what only the report templates read ({@link ForReports}).
 */
final class JsonShape {
    private JsonShape() {}

    /**
     * What only the report templates read: the guideline requirements' wording and questions, the same for every
     * facility (they are in the guideline's file and in {@code kensa rules --coverage}), so the JSON leaves them out.
     */
    static final class ForReports {
        private ForReports() {}
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .addMixIn(Assessment.class, AssessmentShape.class)
                .addMixIn(Assessment.Action.class, ActionShape.class)
                .addMixIn(Assessment.Requirement.class, RequirementShape.class)
                .addMixIn(Assessment.Cell.class, CellShape.class)
                .addMixIn(Assessment.GuidelineCounts.class, CountsShape.class)
                .addMixIn(Assessment.Counts.class, CountsShape.class)
                .addMixIn(Assessment.Item.class, WithoutEmpty.class)
                .addMixIn(Assessment.Guideline.class, WithoutNulls.class)
                .addMixIn(Assessment.Volume.class, WithoutNulls.class)
                .addMixIn(Assessment.Condition.class, WithoutNulls.class)
                .addMixIn(Assessment.Facility.class, WithoutNulls.class)
                .addMixIn(Assessment.Checklist.class, WithoutNulls.class)
                .addMixIn(Assessment.Section.class, WithoutNulls.class)
                .addMixIn(Assessment.VendorForm.class, WithoutNulls.class)
                .addMixIn(Assessment.UnusedDeclaration.class, WithoutNulls.class)
                .addMixIn(Finding.class, FindingShape.class)
                .addMixIn(kensa.rulebase.Status.class, CodeShape.class)
                .addMixIn(kensa.rulebase.Severity.class, CodeShape.class);
    }

    @JsonInclude(Include.NON_NULL)
    abstract static class WithoutNulls {}

    @JsonInclude(Include.NON_EMPTY)
    abstract static class WithoutEmpty {}

    @JsonInclude(Include.NON_EMPTY)
    abstract static class AssessmentShape {
        @JsonSerialize(using = FindingKey.All.class) abstract List<Finding> findings();
    }

    @JsonInclude(Include.NON_NULL)
    abstract static class ActionShape {
        @JsonSerialize(using = FindingKey.class) abstract Finding finding();
    }

    @JsonInclude(Include.NON_NULL)
    abstract static class RequirementShape {
        @JsonView(ForReports.class) abstract String text();
        @JsonView(ForReports.class) abstract String question();
        @JsonSerialize(contentUsing = FindingKey.class) abstract List<Finding> findings();
    }

    @JsonInclude(Include.NON_NULL)
    abstract static class CellShape {
        @JsonSerialize(contentUsing = FindingKey.class) abstract List<Finding> findings();
    }

    /** Counts of 推奨 are written only when there are some. */
    abstract static class CountsShape {
        @JsonInclude(Include.NON_DEFAULT) abstract int recommended();
    }

    /** A finding's texts are written as the sentences a person reads; the batch record carries their values. */
    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"rule", "scope", "subject", "status", "severity", "evidence", "remediation"})
    abstract static class FindingShape {
        @JsonIgnore abstract boolean isSilence();
        @JsonIgnore abstract kensa.rulebase.Text evidenceText();
        @JsonIgnore abstract kensa.rulebase.Text remediationText();
        @JsonProperty abstract String evidence();
        @JsonProperty abstract String remediation();
    }

    /** Statuses and severities are written as their codes (not_met, critical). */
    abstract static class CodeShape {
        @JsonValue abstract String code();
    }
}
