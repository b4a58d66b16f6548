package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import kensa.batch.OutputFolder;
import kensa.cli.Kensa;
import kensa.render.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output names come from input names through one safe mapping, and the -o folder holds one run's outputs only:
 * no scheme-like link, no two inputs writing one report, no stale report of an earlier run, no second run at once.
 */
class OutputFolderTest {
    @TempDir Path dir;

    private Path in(String... names) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String name : names) Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), in.resolve(name));
        return in;
    }

    private static void mark(Path file, String name) throws IOException {
        Files.writeString(file, Files.readString(file).replace("さくら内科クリニック(架空)", name));
    }

    @Test
    void aSchemeLikeFileNameBecomesARelativeLinkToASafeName() throws IOException {
        Path in = in("javascript:alert(document.domain).xml", "さくら.xml");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "html", "--quiet");
        assertEquals(Kensa.GAPS, run.exit(), run.stderr());
        String summary = Files.readString(out.resolve("summary.html"));
        assertFalse(summary.contains("href=\"javascript"), summary);
        assertTrue(summary.contains("href=\"./javascript_alert_document_domain_.html\""), summary);
        assertTrue(summary.contains("href=\"./%E3%81%95%E3%81%8F%E3%82%89.html\""), "percent-encoded: " + summary);
        assertTrue(Files.exists(out.resolve("javascript_alert_document_domain_.html")));
        assertTrue(Files.exists(out.resolve("さくら.html")));
    }

    /** A file system allows 255 bytes per name: a long kanji (3 bytes each) or rarer (4 bytes) name is cut to fit, with every suffix. */
    @Test
    void aLongJapaneseFileNameIsCutToFitEveryOutputName() throws IOException {
        String kanji = "診".repeat(80);
        String rare = new String(Character.toChars(0x20B9F)).repeat(62); // 𠮟, four bytes in UTF-8 (62 + .xml: 252 bytes)
        Path in = in(kanji + ".xml", rare + ".xml");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", String.join(",", Reports.FORMATS), "--quiet");
        assertEquals(Kensa.GAPS, run.exit(), run.stderr());
        try (var written = Files.list(out)) {
            List<String> names = written.map(p -> p.getFileName().toString()).toList();
            for (String format : Reports.FORMATS) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith("診".repeat(60)) && n.endsWith("." + format)), format + " of the kanji name: " + names);
                assertTrue(names.stream().anyMatch(n -> n.startsWith(rare.substring(0, 40)) && n.endsWith("." + format)), format + " of the rare name");
            }
            for (String n : names) assertTrue(n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 220, n);
        }
    }

    @Test
    void namesThatWouldOverwriteAnotherOutputDoNot() throws IOException {
        Path in = in("a.xml", "a.form.xml", "summary.xml", "errors.xml");
        mark(in.resolve("a.xml"), "エーの医院");
        mark(in.resolve("a.form.xml"), "エーフォームの医院");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "html,form.html,json", "--quiet");
        assertEquals(Kensa.GAPS, run.exit(), run.stderr());
        assertTrue(Files.readString(out.resolve("a.form.html")).contains("エーの医院"), "a.xml's form is a.xml's");
        assertTrue(Files.readString(out.resolve("a_form.html")).contains("エーフォームの医院"));
        assertTrue(Files.readString(out.resolve("summary.html")).contains("評価のまとめ"), "summary.html is the batch summary");
        assertTrue(Files.exists(out.resolve("summary_.html")) && Files.exists(out.resolve("errors_.json")));
    }

    @Test
    void twoInputsWithOneOutputNameAreToldApart() throws IOException {
        Path in = in("a.form.xml", "a_form.xml");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "json", "--quiet");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
        assertTrue(run.stderr().contains(in.resolve("a_form.xml") + ": エラー: 報告書の名前が、先に評価した " + in.resolve("a.form.xml")), run.stderr());
    }

    @Test
    void aFolderThatIsNotAPreviousRunIsRefusedAndLeftAlone() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.docx"), "my work");
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("kensa の出力先でもありません") && run.stderr().contains("対処:"), run.stderr());
        try (var files = Files.list(out)) {
            assertEquals(List.of("thesis.docx"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aRerunRemovesTheReportsOfInputsNowBrokenOrGoneAndOldTemporaryFiles() throws IOException {
        Path in = in("a.xml", "b.xml");
        Path out = dir.resolve("out");
        assertEquals(Kensa.GAPS, CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "json,html", "--quiet").exit());
        assertTrue(Files.exists(out.resolve("b.json")));
        Files.writeString(in.resolve("b.xml"), "<facility");
        Files.writeString(out.resolve(".a.json.zz9-1.tmp"), "left by a killed run");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "json", "--quiet");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
        try (var files = Files.list(out)) {
            assertEquals(List.of(".kensa-manifest", ".kensa.lock", "a.json", "errors.csv", "facilities.csv", "summary.csv", "summary.html"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefused() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder busy = OutputFolder.open(out)) {
            CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString());
            assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
            assertTrue(run.stderr().contains("別の kensa assess が書いています"), run.stderr());
        }
        assertEquals(Kensa.GAPS, CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString()).exit());
    }

    @Test
    void anOutputThatIsAFileOrReadOnlyIsExplained() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", file.toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("フォルダではなくファイルです"), run.stderr());

        if (Files.isDirectory(Path.of("/proc/self"))) { // a folder no one can make, not even root
            run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", "/proc/kensa-out");
            assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
            assertTrue(run.stderr().contains("出力先 /proc/kensa-out に書けません"), run.stderr());
        }
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeTrue(!Files.isWritable(readOnly), "root writes anywhere");
        run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", readOnly.resolve("sub").toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("書けません"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), run.stderr());
    }
}
