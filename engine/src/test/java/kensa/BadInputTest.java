package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kensa.cli.Kensa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad facility file: one clear message with file, line and fix; exit 2; no report left behind. */
class BadInputTest {
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    static final String OPEN = "<facility xmlns=\"urn:kensa:facility:1\">\n";

    @TempDir Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("malformed", HEAD + OPEN + "  <name>壊れた診療所</name>\n  <facilityType>clinic\n</facility>\n", 5, "終了タグ"),
                Arguments.of("missing-required", HEAD + OPEN + "  <name>種類のない診療所</name>\n</facility>\n", 4, "XSD"),
                Arguments.of("unknown-enum", HEAD + OPEN + "  <name>動物病院</name>\n  <facilityType>veterinary</facilityType>\n</facility>\n", 4, "facilityType)の「veterinary」は使える値("),
                Arguments.of("bad-date", HEAD + OPEN + "  <name>日付の誤り</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <assessmentDate>2025/03/31</assessmentDate>\n</facility>\n", 5, "YYYY-MM-DD"),
                Arguments.of("impossible-date", HEAD + OPEN + "  <name>日付の誤り</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <assessmentDate>2025-02-30</assessmentDate>\n</facility>\n", 5, "確認日(この回答を確認した日)(assessmentDate)の「2025-02-30」は日付として正しくありません"),
                Arguments.of("bad-boolean", HEAD + OPEN + "  <name>はい</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <securityOfficer appointed=\"はい\"/>\n</facility>\n", 5, "(securityOfficer の appointed)の「はい」ははい/いいえの値ではありません"),
                Arguments.of("xxe", HEAD + "<!DOCTYPE facility [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + OPEN
                        + "  <name>&xxe;</name>\n  <facilityType>clinic</facilityType>\n</facility>\n", 2, "DOCTYPE"),
                Arguments.of("wrong-namespace", HEAD + "<facility>\n  <name>x</name>\n  <facilityType>clinic</facilityType>\n</facility>\n", 2, "名前空間"),
                Arguments.of("empty", "", -1, "空です"),
                Arguments.of("declared-unknown-item", HEAD + OPEN + "  <name>番号違い</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <declaredAnswers checklist=\"r6-medical\">\n    <answer item=\"2-(1)\" value=\"はい\"/>\n"
                        + "    <answer item=\"2-(10)\" value=\"はい\"/>\n  </declaredAnswers>\n</facility>\n", 7, "2-(10)"),
                Arguments.of("declared-unknown-scope", HEAD + OPEN + "  <name>欄違い</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <declaredAnswers checklist=\"r6-medical\">\n    <answer item=\"2-(1)\" scope=\"server\" value=\"はい\"/>\n"
                        + "  </declaredAnswers>\n</facility>\n", 6, "scope"),
                Arguments.of("declared-bad-value", HEAD + OPEN + "  <name>値違い</name>\n  <facilityType>clinic</facilityType>\n"
                        + "  <declaredAnswers checklist=\"r6-medical\">\n    <answer item=\"2-(1)\" value=\"yes\"/>\n"
                        + "  </declaredAnswers>\n</facility>\n", 6, "はい"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsExplainedAndWritesNothing(String name, String content, int line, String hint) throws IOException {
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, content);
        Path out = dir.resolve("out");

        CliTest.Run run = CliTest.kensa("assess", file.toString(), "-o", out.toString(), "--as-of", "2025-03-01");

        assertEquals(Kensa.INVALID_INPUT, run.exit());
        String err = run.stderr();
        assertTrue(err.contains(file.toString() + (line > 0 ? ":" + line + ":" : ": ")), err);
        assertTrue(err.contains("対処:"), err);
        assertTrue(err.contains(hint), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertFalse(err.contains("passwd") && err.contains("root:"), "no external entity expanded");
        // (the folder's hidden lock may stay: it is not a report)
        assertFalse(Files.exists(out) && Files.list(out).anyMatch(f -> !f.getFileName().toString().startsWith(".")), "no report for a bad file");
    }

    @Test
    void missingFileAndDirectoryAreExplained() {
        Path missing = dir.resolve("nowhere.xml");
        CliTest.Run run = CliTest.kensa("validate", missing.toString(), dir.toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit());
        assertTrue(run.stderr().contains(missing + ": エラー: ファイルがありません"), run.stderr());
        assertTrue(run.stderr().contains(dir + ": エラー: このフォルダには施設ファイル(*.xml)がありません"), run.stderr());
    }

    @Test
    void aBadFileDoesNotStopTheOthers() throws IOException {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<facility");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", bad.toString(), Project.EXAMPLES.resolve("compliant-clinic.xml").toString(),
                "-o", out.toString());
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit());
        assertTrue(Files.exists(out.resolve("compliant-clinic.json")));
        assertFalse(Files.exists(out.resolve("bad.json")));
        assertTrue(run.stderr().contains("1 件のファイルを評価できませんでした"), run.stderr());
    }

    @Test
    void twoFilesOfTheSameNameDoNotOverwriteEachOther() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other")).resolve("small-clinic.xml");
        Files.copy(Project.EXAMPLES.resolve("compliant-clinic.xml"), other);
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), other.toString(),
                "-o", out.toString(), "--format", "json");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit());
        assertTrue(run.stderr().contains(other + ": エラー: 報告書の名前が、先に評価した"), run.stderr());
        assertTrue(Files.readString(out.resolve("small-clinic.json")).contains("さくら内科クリニック"));
    }

    @Test
    void aFacilityWithoutAnyDateAsksForOne() throws IOException {
        Path file = dir.resolve("undated.xml");
        Files.writeString(file, HEAD + OPEN + "  <name>日付なし</name>\n  <facilityType>clinic</facilityType>\n</facility>\n");
        CliTest.Run run = CliTest.kensa("assess", file.toString(), "-o", dir.resolve("out").toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit());
        assertTrue(run.stderr().contains("--as-of"), run.stderr());
    }
}
