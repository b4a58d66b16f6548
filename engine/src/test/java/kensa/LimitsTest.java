package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kensa.cli.Kensa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One input cannot take a batch's time and memory: a documented size and list length, refused with exit 2 before the work. */
class LimitsTest {
    @TempDir Path dir;

    /** small-clinic.xml with its terminal listed n times (under different names). */
    private Path withDevices(int n) throws IOException {
        String xml = Files.readString(Project.EXAMPLES.resolve("small-clinic.xml"));
        Matcher m = Pattern.compile("<device kind=\"terminal\"[^>]*/>").matcher(xml);
        assertTrue(m.find());
        StringBuilder devices = new StringBuilder();
        for (int i = 0; i < n; i++) devices.append(m.group().replaceFirst("name=\"", "name=\"d" + i + "-")).append('\n');
        Path file = dir.resolve("devices-" + n + ".xml");
        Files.writeString(file, xml.replace(m.group(), devices));
        return file;
    }

    @Test
    void aFileOverFiveMegabytesIsRefusedBeforeItIsRead() throws IOException {
        String xml = Files.readString(Project.EXAMPLES.resolve("small-clinic.xml"));
        Path big = dir.resolve("big.xml");
        Files.writeString(big, xml.replace("</facility>", "<!-- " + "x".repeat(5 * 1024 * 1024) + " -->\n</facility>"));
        for (String command : new String[] {"validate", "assess"}) {
            CliTest.Run run = command.equals("validate") ? CliTest.kensa(command, big.toString())
                    : CliTest.kensa(command, big.toString(), "-o", dir.resolve("out").toString());
            assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
            assertTrue(run.stderr().contains(big + ": エラー: ファイルが大きすぎます") && run.stderr().contains("5 MB"), run.stderr());
        }
    }

    @Test
    void moreThanFiveThousandDevicesAreRefusedAtTheFirstOneOver() throws IOException {
        CliTest.Run over = CliTest.kensa("assess", withDevices(5_000).toString(), "-o", dir.resolve("out").toString());
        assertEquals(Kensa.INVALID_INPUT, over.exit(), over.stderr());
        assertTrue(over.stderr().contains("device が多すぎます(1つのファイルに 5,000 件まで)"), over.stderr());
        assertEquals(0, CliTest.kensa("validate", withDevices(4_997).toString()).exit(), "5,000 devices in all are fine");
    }
}
