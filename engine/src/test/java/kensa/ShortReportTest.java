package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short report of the bundled small clinic: one headline, the same in the terminal line and both reports; each
 * unanswered question once with the devices it is asked about; none of kensa's internal ids; the detail report beside it.
 */
class ShortReportTest {
    @TempDir Path out;

    @Test
    void aClinicGetsOneHeadlineTwoListsAndTheDetailBesideThem() throws IOException {
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString());
        JsonNode a = CliTest.readAssessment(out.resolve("small-clinic.json"));
        int notMet = 0, critical = 0;
        for (JsonNode f : a.get("findings")) {
            if (!f.get("status").asText().equals("not_met")) continue;
            notMet++;
            if (f.path("severity").asText().equals("critical")) critical++;
        }
        String html = Files.readString(out.resolve("small-clinic.html"));
        String md = Files.readString(out.resolve("small-clinic.md"));
        Matcher m = Pattern.compile("<p class=\"headline\">(対応が必要 (\\d+) 件\\(うち緊急 (\\d+) 件\\)・確認が必要 (\\d+) 件)</p>").matcher(html);
        assertTrue(m.find(), html.substring(0, 2000));
        String headline = m.group(1);
        assertEquals(notMet, Integer.parseInt(m.group(2)), "every distinct gap not met, once");
        assertEquals(critical, Integer.parseInt(m.group(3)));
        int questions = Integer.parseInt(m.group(4));
        assertTrue(run.stdout().contains("small-clinic.xml: " + headline + " → "), run.stdout());
        assertTrue(md.contains("**" + headline + "**"), md);
        assertTrue(Files.readString(out.resolve("small-clinic.detail.html")).contains(headline));
        assertTrue(Files.readString(out.resolve("small-clinic.detail.md")).contains(headline));

        // すること: one row per gap; 確かめること: one row per question, its devices listed in that row
        String toCheck = html.substring(html.indexOf("確かめること("));
        assertEquals(notMet, count(html.substring(html.indexOf("すること("), html.indexOf("確かめること(")), "<tr><td class=\"rank\">"));
        assertEquals(questions, count(toCheck, "<tr><td class=\"sev"));
        assertEquals(1, count(toCheck, "出荷時(初期設定)のパスワードをすべて変更している"), "asked once, not per device");
        assertTrue(toCheck.matches("(?s).*出荷時\\(初期設定\\)のパスワードをすべて変更している</td>\\s*<td class=\"subjects\">ルーター、電子カルテサーバ、受付PC、診察室PC</td>.*"),
                toCheck);
        assertTrue(md.contains("| 緊急 | 出荷時(初期設定)のパスワードをすべて変更している | ルーター、電子カルテサーバ、受付PC、診察室PC |"), md);

        // Nothing nested in quotes, no rule ids, no guideline or checklist numbering of kensa's own
        for (String report : List.of(html, md)) {
            assertFalse(report.contains("「「"), "nested quotes");
            for (JsonNode f : a.get("findings")) assertFalse(report.contains(f.get("rule").asText()), f.get("rule").asText());
            for (JsonNode x : a.get("summary").get("urgentActions")) {
                for (JsonNode basis : x.get("basis")) assertFalse(report.contains(basis.asText()), basis.asText());
            }
        }
        assertTrue(html.contains("<a href=\"./small-clinic.detail.html\">詳しい報告書</a>"));
        assertTrue(md.contains("(./small-clinic.detail.md)"));
        String detail = Files.readString(out.resolve("small-clinic.detail.html"));
        assertTrue(detail.contains("<a href=\"#cells\">全項目の判定</a>") && detail.contains("<h2 id=\"cells\">"), "a table of contents");
        assertTrue(detail.contains("<a href=\"./small-clinic.html\">報告書</a>"), "and the way back");
        assertTrue(detail.contains("counter(page) \" / \" counter(pages)"), "printed pages are numbered");
    }

    /** A question's devices are the findings' own values: a name with a bracket of its own is still listed with the others. */
    @Test
    void aDeviceNamedWithABracketIsAskedWithTheOthers() throws IOException {
        Path file = out.resolve("bracket.xml");
        Files.writeString(file, Files.readString(Project.EXAMPLES.resolve("small-clinic.xml")).replace("name=\"受付PC\"", "name=\"受付「1\""));
        CliTest.kensa("assess", file.toString(), "-o", out.resolve("r").toString(), "--format", "md");
        String md = Files.readString(out.resolve("r").resolve("bracket.md"));
        assertTrue(md.contains("| 緊急 | 出荷時(初期設定)のパスワードをすべて変更している | ルーター、電子カルテサーバ、受付「1、診察室PC |"), md);
    }

    /** The letter to a vendor asks the short report's questions about it, each once, without repeating its name. */
    @Test
    void theVendorLetterAsksEachQuestionOnce() throws IOException {
        CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--format", "vendor.html");
        String letter = Files.readString(out.resolve("small-clinic.vendor.html"));
        String asks = letter.substring(letter.indexOf("ご回答をお願いしたい事項"), letter.indexOf("</ol>"));
        assertFalse(asks.contains("「みどりメディカルシステム(架空)」"), asks);
        assertEquals(1, count(asks, "<li>診療データを預かって保管しているかが未回答</li>"), "asked by three rules, once in the letter");
        assertTrue(asks.contains("<li>契約が再委託をどう定めているかが未回答</li>"), asks);
        assertFalse(asks.contains("様式に記入して答える"), "the form's blank cells are the form itself, not a question");
    }

    @Test
    void aReportLinksOnlyToReportsWrittenBesideIt() throws IOException {
        CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--format", "html,md");
        assertFalse(Files.readString(out.resolve("small-clinic.html")).contains("detail"));
        assertFalse(Files.readString(out.resolve("small-clinic.md")).contains("detail"));
        assertFalse(Files.exists(out.resolve("small-clinic.detail.html")));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }
}
