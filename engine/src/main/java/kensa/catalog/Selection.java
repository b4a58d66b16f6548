package kensa.catalog;

import kensa.checklist.Checklist;

/**
 * A checklist form chosen for an assessment, and why (one of the constants; reports word them).
 */
public record Selection(Checklist form, String reason) {
    /** The edition of the assessment date's fiscal year. */
    public static final String FISCAL_YEAR = "fiscal_year";
    /** No edition of that fiscal year is loaded: the latest earlier one. */
    public static final String LATEST_AVAILABLE = "latest_available";
    /** The date is before the first edition: the first one. */
    public static final String EARLIEST_AVAILABLE = "earliest_available";
    /** Chosen by --edition or --checklist. */
    public static final String REQUESTED = "requested";
}
