package kensa.rulebase;

import java.time.LocalDate;

/**
 * The day the facility is assessed as of, inserted as a fact so date rules never read the clock:
 * {@code AssessmentDate($today: date)}.
 */
public final class AssessmentDate {
    private final LocalDate date;

    public AssessmentDate(LocalDate date) {
        this.date = date;
    }

    public LocalDate getDate() { return date; }

    @Override
    public String toString() { return "assessment date " + date; }
}
