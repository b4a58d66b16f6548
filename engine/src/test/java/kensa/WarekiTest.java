package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import kensa.rulebase.Wareki;
import org.junit.jupiter.api.Test;

class WarekiTest {
    @Test
    void datesAsTheFormsWriteThem() {
        assertEquals("令和7年2月14日", Wareki.date(LocalDate.of(2025, 2, 14)));
        assertEquals("令和元年5月1日", Wareki.date(LocalDate.of(2019, 5, 1)));
        assertEquals("平成31年4月30日", Wareki.date(LocalDate.of(2019, 4, 30)));
    }

    @Test
    void fiscalYearRunsAprilToMarch() {
        assertEquals("令和6年度", Wareki.fiscalYear(LocalDate.of(2025, 3, 31)));
        assertEquals("令和7年度", Wareki.fiscalYear(LocalDate.of(2025, 4, 1)));
        assertEquals("令和8年度", Wareki.fiscalYear(LocalDate.of(2026, 11, 24)));
        assertEquals("令和元年度", Wareki.fiscalYear(LocalDate.of(2019, 4, 1)));
        assertEquals("平成30年度", Wareki.fiscalYear(LocalDate.of(2019, 3, 31)));
    }
}
