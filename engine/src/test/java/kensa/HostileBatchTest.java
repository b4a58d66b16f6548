package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kensa.cli.Kensa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of nothing but hostile inputs (issue 19's list and the XML attacks handled before): the batch exits 2,
 * lists every input in errors.csv, writes nothing outside -o and prints no stack trace.
 */
class HostileBatchTest {
    @TempDir Path dir;

    @Test
    void everyHostileInputIsListedAndNothingCrashes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String clinic = Files.readString(Project.EXAMPLES.resolve("compliant-clinic.xml"));
        String head = "<?xml version=\"1.0\"?>\n";
        String open = "<facility xmlns=\"urn:kensa:facility:1\"><name>x</name><facilityType>clinic</facilityType>";
        List<String> names = new ArrayList<>();
        java.util.function.BiConsumer<String, String> write = (name, content) -> {
            try {
                Files.writeString(in.resolve(name), content);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            names.add(name);
        };
        write.accept("meiji.xml", clinic.replace("lastStocktake=\"2024-10-01\"", "lastStocktake=\"1025-06-18\""));
        write.accept("year-99999.xml", clinic.replace("lastStocktake=\"2024-10-01\"", "lastStocktake=\"99999-06-18\""));
        write.accept("time-zone.xml", clinic.replace("<assessmentDate>2025-03-10</assessmentDate>", "<assessmentDate>2025-03-10+09:00</assessmentDate>"));
        write.accept("future-training.xml", clinic.replace("lastStocktake=\"2024-10-01\"", "lastStocktake=\"2026-10-01\""));
        write.accept("oversized.xml", clinic.replace("</facility>", "<!-- " + "x".repeat(5_300_000) + " -->\n</facility>"));
        StringBuilder devices = new StringBuilder(open + "<devices>");
        for (int i = 0; i < 5_001; i++) devices.append("<device kind=\"terminal\" name=\"d").append(i).append("\"/>");
        write.accept("devices.xml", devices.append("</devices></facility>").toString());
        write.accept("xxe.xml", head + "<!DOCTYPE f [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n" + open.replace("<name>x", "<name>&e;") + "</facility>");
        write.accept("billion-laughs.xml", head + "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
                + open + "</facility>");
        write.accept("deep.xml", head + open + "<x>".repeat(200_000) + "</x>".repeat(200_000) + "</facility>");
        write.accept("malformed.xml", "<facility");
        write.accept("empty.xml", "");
        Files.createDirectories(in.resolve("folder.xml"));
        names.add("folder.xml");
        Files.createSymbolicLink(in.resolve("dangling.xml"), dir.resolve("nowhere.xml"));
        names.add("dangling.xml");
        if (new ProcessBuilder("mkfifo", in.resolve("fifo.xml").toString()).start().waitFor() == 0) names.add("fifo.xml");

        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--quiet");
        assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("内部エラー") || run.stderr().contains("Exception"), run.stderr());
        String errors = Files.readString(out.resolve("errors.csv"));
        assertEquals(names.size() + 1, errors.lines().count(), errors);
        for (String name : names) assertTrue(errors.contains(in.resolve(name).toString()), name + " in errors.csv");
        assertFalse(errors.contains("root:"), "no external entity was read");
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(List.of("in", "out"), all.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written beside -o");
        }
        try (Stream<Path> all = Files.list(in)) {
            assertEquals(names.size(), all.count(), "nothing written among the inputs");
        }
    }
}
