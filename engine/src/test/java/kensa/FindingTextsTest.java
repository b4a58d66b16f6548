package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A finding's texts are templates with the facility's answers as values (kensa.rulebase.Text): what a facility wrote is
 * a value, never part of a template. A rule that pastes a name into its template instead would have FreeMarker read
 * this name and fail (exit 3) or print something else.
 */
class FindingTextsTest {
    /** Template syntax that FreeMarker would not take as plain text: an unknown value and an unclosed directive. */
    static final String TEMPLATE_LIKE = "${x}&lt;#if y??&gt;";

    @TempDir Path dir;

    static java.util.stream.Stream<Path> examples() throws IOException {
        try (var files = Files.list(Project.EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void aNameThatLooksLikeATemplateIsPrintedAsItIs(Path example) throws IOException {
        String xml = Files.readString(example);
        Matcher names = Pattern.compile("(name=\"|<name>)([^\"<]*)").matcher(xml);
        StringBuilder hostile = new StringBuilder();
        int n = 0;
        while (names.find()) names.appendReplacement(hostile, Matcher.quoteReplacement(names.group(1) + TEMPLATE_LIKE + (n++) + names.group(2)));
        names.appendTail(hostile);
        assertTrue(n > 0, "names replaced");
        Path file = dir.resolve(example.getFileName());
        Files.writeString(file, hostile.toString());

        Path out = dir.resolve("out");
        // A template that does not format is printed as written with a warning on the process's standard error.
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        CliTest.Run run;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run = CliTest.kensa("assess", file.toString(), "-o", out.toString(), "--format", "json,vendor.html");
        } finally {
            System.setErr(stderr);
        }
        assertTrue(run.exit() == 0 || run.exit() == 1, run.stderr());
        JsonNode report = new ObjectMapper().readTree(out.resolve(file.getFileName().toString().replace(".xml", ".json")).toFile());
        String literal = TEMPLATE_LIKE.replace("&lt;", "<").replace("&gt;", ">");
        assertTrue(report.get("facility").get("name").asText().startsWith(literal), report.get("facility").toString());
        if (xml.contains("<device ")) {
            long named = 0;
            for (JsonNode f : report.get("findings")) if (f.path("evidence").asText().contains(literal)) named++;
            assertTrue(named > 0, "findings name the devices, as they were written");
        }
        String warned = warnings.toString(java.nio.charset.StandardCharsets.UTF_8) + run.stderr();
        assertEquals(-1, warned.indexOf(kensa.rulebase.Text.UNUSABLE), "no rule pastes a name into its template: " + warned);
    }
}
