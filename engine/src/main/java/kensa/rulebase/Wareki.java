package kensa.rulebase;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Japanese era dates as the official forms write them: 令和7年3月31日, 令和6年度, 元年 for year one. */
public final class Wareki {
    public static String date(LocalDate date) {
        // The calendar behind JapaneseDate is slow, and a batch writes the same few hundred dates again and again.
        if (DATES.size() < MAX_CACHED) return DATES.computeIfAbsent(date, Wareki::compute);
        String known = DATES.get(date);
        return known != null ? known : compute(date);
    }

    private static final int MAX_CACHED = 100_000;
    private static final Map<LocalDate, String> DATES = new ConcurrentHashMap<>();

    private static String compute(LocalDate date) {
        JapaneseDate jd = JapaneseDate.from(date);
        return era(jd.getEra()) + year(jd.get(ChronoField.YEAR_OF_ERA)) + "年"
                + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** A month as the forms write it: 令和8年6月. */
    public static String month(YearMonth month) {
        JapaneseDate jd = JapaneseDate.from(month.atEndOfMonth());
        return era(jd.getEra()) + year(jd.get(ChronoField.YEAR_OF_ERA)) + "年" + month.getMonthValue() + "月";
    }

    /** An ISO date (2026-06-29) or month (2026-06), in 和暦. */
    public static String dateOrMonth(String iso) {
        return iso.length() == 7 ? month(YearMonth.parse(iso)) : date(LocalDate.parse(iso));
    }

    /** The fiscal year (April to March) the date falls in, named by the era year it starts in. */
    public static String fiscalYear(LocalDate date) {
        int startYear = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
        // Name it by the era in force at its end, so FY2019 is 令和元年度 (the era began that May).
        JapaneseDate end = JapaneseDate.from(LocalDate.of(startYear + 1, 3, 31));
        int yearOfEra = end.get(ChronoField.YEAR_OF_ERA) - 1;
        if (yearOfEra < 1) {
            JapaneseDate start = JapaneseDate.from(LocalDate.of(startYear, 4, 1));
            return era(start.getEra()) + year(start.get(ChronoField.YEAR_OF_ERA)) + "年度";
        }
        return era(end.getEra()) + year(yearOfEra) + "年度";
    }

    private static String era(java.time.chrono.Era era) {
        return ((JapaneseEra) era).getDisplayName(TextStyle.FULL, Locale.JAPAN);
    }

    private static String year(int yearOfEra) {
        return yearOfEra == 1 ? "元" : String.valueOf(yearOfEra);
    }

    private Wareki() {}
}
