package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kensa.cli.Kensa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every date the schema accepts is one kensa can assess and print, or the file is refused with the field named:
 * validate, assess and serve agree, a batch goes on past such a file, and nothing exits 3. A "when was it done" date
 * after the assessment date is wrong input, never a recent training.
 */
class DateRangeTest {
    @TempDir Path dir;

    /** compliant-clinic.xml (assessed on 2025-03-10) with one date replaced. */
    static Stream<Arguments> badDates() {
        return Stream.of(
                Arguments.of("before-meiji", "lastStocktake=\"2024-10-01\"", "lastStocktake=\"1025-10-01\"", "assetRegister の lastStocktake", 11),
                Arguments.of("before-1900", "lastReviewed=\"2024-04-01\"", "lastReviewed=\"1899-04-01\"", "operatingRules の lastReviewed", 10),
                Arguments.of("five-digit-year", "lastStocktake=\"2024-10-01\"", "lastStocktake=\"99999-10-01\"", "lastStocktake", 11),
                Arguments.of("time-zone", "lastStocktake=\"2024-10-01\"", "lastStocktake=\"2024-10-01+09:00\"", "lastStocktake", 11),
                Arguments.of("assessment-date-zone", "<assessmentDate>2025-03-10</assessmentDate>", "<assessmentDate>2025-03-10Z</assessmentDate>", "assessmentDate", 7),
                Arguments.of("assessment-date-1850", "<assessmentDate>2025-03-10</assessmentDate>", "<assessmentDate>1850-03-10</assessmentDate>", "assessmentDate", 7),
                Arguments.of("future-done", "lastStocktake=\"2024-10-01\"", "lastStocktake=\"2025-10-01\"", "assetRegister の lastStocktake", 11),
                Arguments.of("future-checked", "checkedOn=\"2024-07-01\"", "checkedOn=\"2026-07-01\"", "answer の checkedOn", 34));
    }

    private Path variant(String name, String from, String to) throws IOException {
        String xml = Files.readString(Project.EXAMPLES.resolve("compliant-clinic.xml"));
        assertTrue(xml.contains(from), from);
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, xml.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDates")
    void validateAndAssessRefuseTheSameDateNamingTheField(String name, String from, String to, String field, int line) throws IOException {
        Path file = variant(name, from, to);
        CliTest.Run validate = CliTest.kensa("validate", file.toString());
        CliTest.Run assess = CliTest.kensa("assess", file.toString(), "-o", dir.resolve("out").toString());
        for (CliTest.Run run : List.of(validate, assess)) {
            assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
            assertTrue(run.stderr().contains(file + ":" + line + ":"), run.stderr());
            assertTrue(run.stderr().contains(field), run.stderr());
            assertTrue(run.stderr().contains("対処:"), run.stderr());
            assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("内部エラー"), run.stderr());
        }
    }

    @Test
    void aTypoInOneFileDoesNotStopTheBatch() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), in.resolve("a-good.xml"));
        Files.copy(variant("typo", "lastStocktake=\"2024-10-01\"", "lastStocktake=\"1025-06-18\""), in.resolve("b-typo.xml"));
        Files.copy(Project.EXAMPLES.resolve("pharmacy.xml"), in.resolve("c-good.xml"));
        Path out = dir.resolve("out");
        CliTest.Run run = CliTest.kensa("assess", in.toString(), "-o", out.toString(), "--format", "json", "--quiet");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
        assertTrue(Files.exists(out.resolve("a-good.json")) && Files.exists(out.resolve("c-good.json")));
        assertTrue(Files.exists(out.resolve("summary.html")));
        assertTrue(Files.readString(out.resolve("errors.csv")).contains("lastStocktake"));
    }

    @Test
    void asOfSetsTheDayDoneDatesAreComparedWith() throws IOException {
        Path file = Project.EXAMPLES.resolve("compliant-clinic.xml"); // its stocktake was on 2024-10-01
        CliTest.Run early = CliTest.kensa("assess", file.toString(), "--as-of", "2024-09-30", "-o", dir.resolve("out").toString());
        assertEquals(Kensa.INVALID_INPUT, early.exit(), early.stderr());
        assertTrue(early.stderr().contains("評価日 2024-09-30 より後"), early.stderr());
        assertEquals(Kensa.INVALID_INPUT, CliTest.kensa("validate", file.toString(), "--as-of", "2024-09-30").exit());
        assertEquals(0, CliTest.kensa("validate", file.toString(), "--as-of", "2025-03-10").exit());
    }

    @Test
    void anImpossibleAsOfIsAUsageError() {
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "--as-of", "1025-06-18",
                "-o", dir.resolve("out").toString());
        assertEquals(Kensa.INVALID_INPUT, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("--as-of"), run.stderr());
    }

    @Test
    void aDeadlineMayLieInTheFuture() throws IOException {
        Path file = variant("target", "checkedOn=\"2024-07-01\"", "checkedOn=\"2024-07-01\" targetDate=\"2030-03-31\"");
        CliTest.Run run = CliTest.kensa("validate", file.toString());
        assertEquals(0, run.exit(), run.stderr());
    }

    @Test
    void everyDateThatMayLieInTheFutureIsOneOfTheSchema() throws Exception {
        String xsd = Files.readString(Project.SCHEMA.resolve("facility.xsd"));
        Field f = Class.forName("kensa.xml.PlausibleDates").getDeclaredField("MAY_BE_FUTURE");
        f.setAccessible(true);
        for (Object name : (Set<?>) f.get(null)) {
            assertTrue(xsd.contains("name=\"" + name + "\" type=\"xs:date\""), name + " is a date of facility.xsd");
        }
    }

    @Test
    void serveRefusesADateAssessWouldRefuse() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (ServeFixture serve = new ServeFixture(data)) { // it answers on 2025-09-12
            String id = serve.create("未来の研修医院", "clinic");
            serve.post("/f/" + id + "/q/basics-0", serve.form("a:medicalInformationSystemInUse", "true"));
            String before = ServeFixture.read(serve.file(id));
            for (String bad : new String[] {"2025-09-13", "1025-06-18"}) {
                HttpResponse<String> r = serve.post("/f/" + id + "/q/governance-0",
                        serve.form("a:securityOfficer/@appointed", "true", "a:staff/@lastTraining", bad));
                assertEquals(422, r.statusCode(), bad + ": " + r.body());
                assertTrue(r.body().contains("lastTraining"), bad + ": " + r.body());
                assertEquals(before, ServeFixture.read(serve.file(id)), bad + ": nothing written");
            }
            HttpResponse<String> ok = serve.post("/f/" + id + "/q/governance-0", serve.form("a:staff/@lastTraining", "2025-09-12"));
            assertEquals(303, ok.statusCode(), ok.body());
        }
    }
}
