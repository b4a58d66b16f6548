package kensa.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a finding's template and values read as a sentence. */
class TextTest {
    @Test
    void valuesFillTheTemplateDatesInWarekiNumbersPlain() {
        Text t = Text.of("「${device}」のサポートは ${end} まで(${months}か月、${count}台)", "device", "受付PC<b>",
                "end", LocalDate.of(2025, 3, 31), "months", 12, "count", 1234);
        assertEquals("「受付PC<b>」のサポートは 令和7年3月31日 まで(12か月、1234台)", t.toString());
    }

    @Test
    void conditionsReadTheValues() {
        String template = "ESU<#if until??>を ${until} まで<#else>は未回答</#if><#if agreed>、対策あり</#if>";
        assertEquals("ESUを 令和8年10月13日 まで、対策あり", Text.of(template, "until", LocalDate.of(2026, 10, 13), "agreed", true).toString());
        assertEquals("ESUは未回答", Text.of(template, "until", null, "agreed", false).toString());
    }

    @Test
    void aTextValueReadsAsItsSentenceAndAListAsItsItems() {
        Text basis = Text.of("サポート終了日 ${end}", "end", LocalDate.of(2019, 5, 1));
        assertEquals("「サーバ」: サポート終了日 令和元年5月1日", Text.of("「${device}」: ${basis}", "device", "サーバ", "basis", basis).toString());
        assertEquals("「A」「B」", Text.of("<#list names as name>「${name}」</#list>", "names", List.of("A", "B")).toString());
    }

    @Test
    void aValueIsNeverReadAsATemplate() {
        assertEquals("「${x}<#if y>」", Text.of("「${name}」", "name", "${x}<#if y>").toString());
        assertEquals("${x} #{y}", Text.literal("${x} #{y}").toString());
        assertNotEquals(Text.literal("a"), Text.of("a"));
    }

    @Test
    void aTemplateThatDoesNotFormatIsPrintedAsWritten() {
        // An old-style rule that pasted a name with template syntax into its text: the text as it was meant.
        assertEquals("「${受付PC」にパッチを適用している", Text.of("「${受付PC」にパッチを適用している").toString());
        assertEquals("「${missing}」", Text.of("「${missing}」").toString());
    }
}
