package kensa.xml;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that knows which dates kensa accepts. Every date must be printable in 和暦 (JapaneseDate starts at
 * Meiji 6) and not absurdly far ahead; a date that says when something was done (a training, a drill, a review, a
 * report) must also lie between 1900 and the assessment date, because a future "last done" is a typo, never "recent".
 * Deadlines, plans and end-of-support dates may lie in the future.
 */
public final class PlausibleDates {
    /** The first day JapaneseDate (so the 和暦 of every report) can print: 明治6年1月1日. */
    public static final LocalDate EARLIEST = LocalDate.of(1873, 1, 1);
    /** No deadline, plan or end of support is meant this far ahead; a later year is a typo (99999). */
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    /** Nothing a facility did with a computer was done earlier; an older "when done" date is a typo (1025). */
    public static final LocalDate EARLIEST_DONE = LocalDate.of(1900, 1, 1);

    /**
     * The date fields (element or attribute names in facility.xsd) that may lie after the assessment date, and before
     * 1900; every other date says when something was done. (DateRangeTest checks each name is in facility.xsd.)
     */
    static final Set<String> MAY_BE_FUTURE = Set.of("targetDate", "plannedUntil", "endOfSupport", "extendedSecurityUpdatesUntil");
    /** The date the others are compared with: not a "when done" date of its own. */
    static final String ASSESSMENT_DATE = "assessmentDate";

    /** xs:date allows time zones and years beyond 9999; kensa reads plain YYYY-MM-DD only, as the forms write it. */
    private static final Pattern PLAIN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** One xs:date value of a document, where it was and what it names ({@code staff の lastTraining}). */
    public record DateValue(String element, String attribute, String text, int line, int column) {
        public String field() {
            return attribute == null ? element : element + " の " + attribute;
        }

        String name() {
            return attribute == null ? element : attribute;
        }

        boolean mayBeFuture() {
            return MAY_BE_FUTURE.contains(name());
        }

        boolean whenDone() {
            return !mayBeFuture() && !name().equals(ASSESSMENT_DATE);
        }
    }

    /** Whether a date can be printed and assessed at all (any document), or why not. */
    static InputError printable(Path file, DateValue v) {
        if (!PLAIN.matcher(v.text().strip()).matches()) {
            return error(file, v, "日付 " + v.text().strip() + " は使えません(時差や5桁以上の年は書けません)。",
                    "2025-03-31 のように西暦の YYYY-MM-DD だけで書いてください(Z や +09:00 は付けません)。");
        }
        LocalDate d = LocalDate.parse(v.text().strip());
        LocalDate from = v.mayBeFuture() ? EARLIEST : EARLIEST_DONE;
        if (d.isBefore(from) || d.isAfter(LATEST)) {
            return error(file, v, "日付 " + d + " はありえない年です(" + from.getYear() + "年から" + LATEST.getYear() + "年までの日付にしてください)。",
                    "年の書き間違い(例: 2025 を 1025 や 20025)がないか確認してください。わからなければ、その項目ごと省くと「未回答」になります。");
        }
        return null;
    }

    /**
     * The first "when was it done" date after the assessment date, as an error naming the field, or null. Such an
     * answer is wrong input, not a recent training.
     */
    public static InputError afterAssessment(Path file, List<DateValue> dates, LocalDate assessedOn) {
        if (assessedOn == null) return null;
        for (DateValue v : dates) {
            if (!v.whenDone()) continue;
            LocalDate d = LocalDate.parse(v.text().strip());
            if (d.isAfter(assessedOn)) {
                return error(file, v, v.field() + " の日付 " + d + " が評価日 " + assessedOn + " より後です。実施した日は評価日より後にはなりません。",
                        "実際に行った日を書いてください。まだ行っていなければ、その項目ごと省くと「未回答」になります。"
                                + "評価日が違う場合は assessmentDate(確認日)か --as-of を直してください。");
            }
        }
        return null;
    }

    /** An assessment date given on the command line, checked like one in a file; null when it is fine. */
    public static String badAssessmentDate(LocalDate date) {
        if (date.isBefore(EARLIEST_DONE) || date.isAfter(LATEST)) {
            return "評価日 " + date + " はありえない年です(" + EARLIEST_DONE.getYear() + "年から" + LATEST.getYear() + "年までの日付にしてください)。";
        }
        return null;
    }

    private static InputError error(Path file, DateValue v, String problem, String fix) {
        String where = v.field() + ": ";
        return new InputError(file, v.line(), v.column(), problem.startsWith(v.field()) ? problem : where + problem, fix);
    }

    private PlausibleDates() {}
}
