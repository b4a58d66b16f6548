package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kensa.batch.Summary;
import kensa.render.Reports;
import kensa.xml.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name or message that a spreadsheet would run as a formula (= + - @, tab, CR first) reaches no CSV kensa
 * writes unneutralised: OWASP's advice, a single quote inside the quoted field. One test per file.
 */
class CsvInjectionTest {
    static final String FORMULA = "=HYPERLINK(\"http://attacker.example/\",\"click\")";

    @TempDir Path dir;

    /** Every quoted field of a CSV text that begins with a formula character once its quotes are taken off. */
    static List<String> formulaFields(String csv) {
        return java.util.regex.Pattern.compile("\"((?:[^\"]|\"\")*)\"").matcher(csv).results().map(m -> m.group(1))
                .filter(f -> !f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0).toList();
    }

    private Path facility(String name, String vendor) throws IOException {
        String xml = Files.readString(Project.EXAMPLES.resolve("small-clinic.xml"))
                .replace("さくら内科クリニック(架空)", name.replace("\"", "&quot;"))
                .replace("みどりメディカルシステム(架空)", vendor.replace("\"", "&quot;"));
        Path file = dir.resolve("in").resolve("hostile.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
        return file;
    }

    @Test
    void formCsvNeutralisesAVendorNamedLikeAFormula() throws IOException {
        Path file = facility("医院", "@SUM(1+1)");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", file.toString(), "-o", out.toString(), "--format", "form.csv");
        assertEquals(1, run.exit(), run.stderr());
        String csv = Files.readString(out.resolve("hostile.form.csv"));
        assertTrue(csv.contains("\"'@SUM(1+1)\""), csv.lines().skip(30).findFirst().orElse(""));
        assertEquals(List.of(), formulaFields(csv));
    }

    @Test
    void summaryCsvNeutralisesAFacilityNamedLikeAFormula() throws IOException {
        Path file = facility(FORMULA, "-2+3");
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", file.toString(), Project.EXAMPLES.resolve("pharmacy.xml").toString(),
                "-o", out.toString(), "--format", "json");
        assertEquals(1, run.exit(), run.stderr());
        String csv = Files.readString(out.resolve("summary.csv"));
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://attacker.example/\"\",\"\"click\"\")\""), csv.substring(0, 400));
        assertEquals(List.of(), formulaFields(csv));
    }

    @Test
    void errorsCsvNeutralisesEveryField() throws IOException {
        try (Summary summary = new Summary(dir, null)) {
            summary.failed(new InputError(Path.of("=cmd|' /C calc'!A0.xml"), 3, 4, "+problem", "\tfix"));
            summary.failed(new InputError(Path.of("ok.xml"), "\rcarriage", "-minus"));
            summary.write(new Reports(Project.ROOT.resolve("reports")));
        }
        String csv = Files.readString(dir.resolve("errors.csv"));
        assertTrue(csv.contains("\"'=cmd|' /C calc'!A0.xml\""), csv);
        assertTrue(csv.contains("\"'+problem\"") && csv.contains("\"'\tfix\"") && csv.contains("\"'-minus\""), csv);
        assertEquals(List.of(), formulaFields(csv));
        assertFalse(csv.contains("\"''"), "a field is prefixed once");
    }
}
