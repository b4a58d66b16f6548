package kensa.assess;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * One facility assessed against one checklist form. This is the JSON shape (documented in README)
 * and the data every report template reads, so field names are part of the public interface.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Assessment(
        int formatVersion,
        Facility facility,
        LocalDate assessedOn,
        Checklist checklist,
        Counts counts,
        Cell gate,
        List<Section> sections) {

    public static final int FORMAT_VERSION = 1;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Facility(String name, String type, Integer licensedBeds, String file) {}

    public record Checklist(String id, String title, String edition, String form, LocalDate deadline) {}

    /** Cells by status, gate excluded. */
    public record Counts(int total, int met, int notMet, int unanswered, int notApplicable) {}

    public record Section(String number, String title, List<Item> items) {}

    public record Item(String number, String text, List<String> guidelineRefs, List<Cell> cells) {}

    /**
     * One answer box of the form: an item, or one scope column of it.
     *
     * @param due     when a gap must be closed by (gaps only)
     * @param overdue the assessment date is past {@code due}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String item, String scope, String scopeLabel, String text, Status status,
                       LocalDate due, Boolean overdue, List<Finding> findings) {}
}
