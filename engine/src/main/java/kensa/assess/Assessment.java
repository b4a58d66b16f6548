package kensa.assess;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * One facility assessed against one checklist form, with each vendor's 事業者 form beside it. This
 * is the JSON shape (documented in README) and the data every report template reads, so field names
 * are part of the public interface.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Assessment(
        int formatVersion,
        Facility facility,
        LocalDate assessedOn,
        Checklist checklist,
        Counts counts,
        Cell gate,
        List<Section> sections,
        List<VendorForm> vendorForms,
        List<UnusedDeclaration> unusedDeclarations) {

    public static final int FORMAT_VERSION = 2;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Facility(String name, String type, Integer licensedBeds, String file) {}

    /**
     * The form applied.
     *
     * @param code            the edition's short code (R7)
     * @param selectedBy      why this edition: fiscal_year, latest_available, earliest_available or requested
     * @param previousEdition the edition that new and changed items are marked against
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checklist(String id, String title, String edition, String code, String form, int fiscalYear,
                            LocalDate deadline, String selectedBy, String previousEdition) {}

    /** Cells by status, gate excluded. */
    public record Counts(int total, int met, int notMet, int unanswered, int notApplicable) {
        public int gaps() { return notMet + unanswered; }
    }

    /** @param onForm false for kensa's own checks beside the official form (absent when true) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(String number, String title, Boolean onForm, List<Item> items) {}

    /**
     * @param change     new or changed since the previous edition; absent when unchanged or there is none
     * @param changeNote how it changed, when the wording alone does not show it
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
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
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String item, String scope, String scopeLabel, String text, Status status, String basis,
                       String declared, Boolean contradiction, Boolean reference, LocalDate due, Boolean overdue,
                       LocalDate checkedOn, LocalDate target, List<Finding> findings) {}

    /** A vendor's 事業者確認用, filled from what the facility file holds about that vendor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VendorForm(String vendor, String system, LocalDate receivedOn, Checklist checklist, Counts counts,
                             List<Section> sections) {}

    /** Answers written for another form than the one applied, so not used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnusedDeclaration(String checklist, String vendor) {}

    /** Cells needing action on this form and every vendor form. */
    public int gaps() {
        return counts.gaps() + vendorForms.stream().mapToInt(v -> v.counts().gaps()).sum()
                + (gate != null && gate.status() == Status.UNANSWERED ? 1 : 0);
    }
}
