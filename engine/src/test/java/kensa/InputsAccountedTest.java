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
import kensa.cli.Kensa;
import kensa.render.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever is found under an input folder is assessed or listed with why; nothing is skipped without a word. */
class InputsAccountedTest {
    @TempDir Path dir;

    @Test
    void oddEntriesAreListedWithTheirReasonAndANewlineInANameIsAssessed() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), in.resolve("good.xml"));
        Files.copy(Project.EXAMPLES.resolve("pharmacy.xml"), in.resolve("new\nline.xml"));
        Path folder = Files.createDirectories(in.resolve("folder.xml"));
        Files.copy(Project.EXAMPLES.resolve("compliant-clinic.xml"), folder.resolve("inner.xml"));
        Files.createSymbolicLink(in.resolve("gone.xml"), dir.resolve("nowhere.xml"));
        Process mkfifo = new ProcessBuilder("mkfifo", in.resolve("pipe.xml").toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "json", "--quiet");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
        for (String name : List.of("good.json", "new_line.json", "inner.json")) assertTrue(Files.exists(out.resolve(name)), name);
        String errors = Files.readString(out.resolve("errors.csv"));
        assertTrue(errors.contains("folder.xml") && errors.contains(".xml で終わるフォルダ"), errors);
        assertTrue(errors.contains("gone.xml") && errors.contains("リンク先がありません"), errors);
        assertTrue(errors.contains("pipe.xml") && errors.contains("通常のファイルではありません"), errors);
        assertEquals(4, errors.lines().count(), errors);

        CliTest.Run validate = CliTest.kensa("validate", in.toString(), "--quiet");
        assertEquals(Kensa.INVALID_INPUT, validate.exit());
        assertTrue(validate.stderr().contains("folder.xml") && validate.stderr().contains("gone.xml") && validate.stderr().contains("pipe.xml"),
                validate.stderr());
    }

    @Test
    void anUnreadableSubfolderIsListedNotACrash() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), in.resolve("good.xml"));
        Path locked = Files.createDirectories(in.resolve("locked"));
        Files.copy(Project.EXAMPLES.resolve("pharmacy.xml"), locked.resolve("hidden.xml"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(locked), "root reads anywhere");
            CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", dir.resolve("out").toString(), "--format", "json", "--quiet");
            assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
            assertTrue(run.stderr().contains(locked + ": エラー: フォルダを読めません"), run.stderr());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void markdownKeepsALinkInAFacilityNameAsText() throws IOException {
        Path file = dir.resolve("link.xml");
        Files.writeString(file, Files.readString(Project.EXAMPLES.resolve("small-clinic.xml"))
                .replace("さくら内科クリニック(架空)", "[押してください](javascript:alert(document.domain))")
                .replace("name=\"受付PC\"", "name=\"![x](javascript:alert(1))\""));
        Path out = dir.resolve("out");
        List<String> markdown = Reports.FORMATS.stream().filter(f -> f.endsWith("md")).toList(); // every Markdown format
        CliTest.kensa("assess", file.toString(), "-o", out.toString(), "--format", String.join(",", markdown));
        assertTrue(markdown.size() >= 2, markdown.toString());
        for (String report : markdown.stream().map(f -> "link." + f).toList()) {
            String md = Files.readString(out.resolve(report));
            assertFalse(md.matches("(?s).*(?<!\\\\)\\]\\(javascript.*"), "no link to javascript: " + md.substring(0, 300));
            assertTrue(md.contains("\\[押してください\\](javascript:alert(document.domain))"), md.substring(0, 300));
            assertTrue(md.contains("!\\[x\\](javascript:alert(1))"), report + " names the device as text");
        }
    }
}
