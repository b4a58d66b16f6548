package kensa.catalog;

import kensa.checklist.Checklist;

/**
 * A checklist form chosen for an assessment, and why (one of the constants; reports word them).
 *
 * @param inForce the form of the assessment date's fiscal year when its items are not loaded, so {@code form} stands in
 *                for it (reason {@link #ITEMS_NOT_LOADED}); otherwise null
 */
public record Selection(Checklist form, String reason, Checklist inForce) {
    /** The edition of the assessment date's fiscal year. */
    public static final String FISCAL_YEAR = "fiscal_year";
    /** No edition of that fiscal year is loaded: the latest earlier one. */
    public static final String LATEST_AVAILABLE = "latest_available";
    /** The edition of that fiscal year is known but its items are not loaded: the latest earlier one with items. */
    public static final String ITEMS_NOT_LOADED = "items_not_loaded";
    /** The date is before the first edition: the first one. */
    public static final String EARLIEST_AVAILABLE = "earliest_available";
    /** Chosen by --edition or --checklist. */
    public static final String REQUESTED = "requested";

    public Selection(Checklist form, String reason) {
        this(form, reason, null);
    }
}
