package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kensa.cli.Kensa;
import kensa.rulebase.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * results.jsonl joined with catalog.json, as a reader of the batch record would join them, gives back every verdict of
 * each example's own JSON report: the counts, every cell of the form and of each vendor's form and every guideline
 * requirement, each with the findings that decided it (rule, scope, subject, status, severity and their texts).
 */
class ResultRecordTest {
    @TempDir Path out;
    private JsonNode statuses;

    @Test
    void theRecordAndTheCatalogGiveBackTheReportsVerdicts() throws IOException {
        CliTest.Run run = CliTest.kensa("assess", Project.EXAMPLES.toString(), "-o", out.toString(), "--format", "json,jsonl", "--quiet");
        assertEquals(Kensa.GAPS, run.exit(), run.stderr());
        JsonNode catalog = CliTest.JSON.readTree(out.resolve("catalog.json").toFile());
        statuses = catalog.get("statuses");
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(10, lines.size());
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length < 12_000, "a record is compact: " + line.getBytes(StandardCharsets.UTF_8).length);
            JsonNode record = CliTest.JSON.readTree(line);
            String file = record.get("file").asText();
            JsonNode report = CliTest.readAssessment(out.resolve(file.replace(".xml", ".json")));
            assertEquals(2, record.get("recordVersion").asInt());
            assertEquals(report.get("facility").get("name"), record.get("name"), file);
            assertEquals(report.get("assessedOn"), record.get("assessedOn"), file);
            assertEquals(report.get("checklist").get("id"), record.get("checklist").get("id"), file);
            assertEquals(report.get("checklist").get("selectedBy"), record.get("checklist").get("selectedBy"), file);
            for (String n : List.of("met", "notMet", "unanswered", "notApplicable")) {
                assertEquals(report.get("counts").get(n), record.get("counts").get(n), file + " " + n);
            }
            assertEquals(report.get("summary").get("gaps"), record.get("gaps"), file);

            List<JsonNode> findings = resolve(record.get("findings"), record.path("subjects"), catalog);
            JsonNode form = catalog.get("checklists").get(record.get("checklist").get("id").asText());
            if (report.has("gate")) assertEquals(cell(report.get("gate")), cell(record.get("gate"), findings), file + " gate");
            assertEquals(cells(report.get("sections")), cells(record.get("cells"), form, findings), file);
            JsonNode vendorForms = report.path("vendorForms");
            assertEquals(vendorForms.size(), record.path("vendorForms").size(), file);
            for (int v = 0; v < vendorForms.size(); v++) {
                JsonNode vendor = record.get("vendorForms").get(v);
                assertEquals(vendorForms.get(v).get("vendor"), vendor.get("vendor"));
                assertEquals(cells(vendorForms.get(v).get("sections")),
                        cells(vendor.get("cells"), catalog.get("checklists").get(vendor.get("checklist").asText()), findings), file);
            }
            if (report.has("guideline")) {
                JsonNode guideline = catalog.get("guidelines").get(record.get("guideline").get("id").asText());
                Map<String, String> expected = new HashMap<>();
                for (JsonNode v : report.get("guideline").get("volumes")) {
                    for (JsonNode r : v.get("requirements")) if (r.has("status")) expected.put(r.get("key").asText(), cell(r));
                }
                Map<String, String> actual = new HashMap<>();
                JsonNode requirements = record.get("requirements");
                List<JsonNode> decided = new ArrayList<>();
                guideline.get("requirements").forEach(r -> { if (!r.has("question")) decided.add(r); });
                assertEquals(decided.size(), requirements.size(), file);
                for (int i = 0; i < requirements.size(); i++) {
                    if (!requirements.get(i).isNull()) actual.put(decided.get(i).get("key").asText(), cell(requirements.get(i), findings));
                }
                assertEquals(expected.keySet(), actual.keySet(), file);
                for (String key : expected.keySet()) assertEquals(expected.get(key), actual.get(key), file + " " + key);
            }
        }
    }

    /**
     * Each record finding as the report writes it: rule, scope, severity and its templates from the catalog's entry for
     * its code, its subject and values from the record, its texts the templates with those values.
     */
    private static List<JsonNode> resolve(JsonNode findings, JsonNode subjects, JsonNode catalog) {
        List<JsonNode> resolved = new ArrayList<>();
        for (JsonNode f : findings) {
            JsonNode entry = catalog.get("texts").get(f.get(0).asText());
            int next = 2;
            String subject = null;
            if (entry.has("subject") && entry.get("subject").asText().isEmpty()) subject = subjects.get(f.get(next++).asInt()).asText();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < entry.path("values").size(); i++) {
                String name = entry.get("values").get(i).asText();
                JsonNode v = f.get(next + i);
                values.add(name);
                if (name.equals(entry.path("subject").asText())) {
                    subject = subjects.get(v.asInt()).asText();
                    values.add(subject);
                } else {
                    values.add(value(v, catalog));
                }
            }
            var node = CliTest.JSON.createObjectNode();
            node.put("rule", entry.get("rule").asText());
            if (entry.has("scope")) node.put("scope", entry.get("scope").asText());
            if (subject != null) node.put("subject", subject);
            node.put("status", catalog.get("statuses").get(f.get(1).asText()).get("code").asText());
            if (entry.has("severity")) node.put("severity", entry.get("severity").asText());
            node.put("evidence", text(entry.get("evidence").asText(), entry, values));
            if (entry.has("remediation")) node.put("remediation", text(entry.get("remediation").asText(), entry, values));
            resolved.add(node);
        }
        return resolved;
    }

    private static String text(String template, JsonNode entry, List<Object> values) {
        return entry.path("literal").asBoolean() ? template : Text.of(template, values.toArray()).toString();
    }

    /** A record value as the rule gave it: an ISO date as a date (the texts print it in 和暦), [code, value…] as a text. */
    private static Object value(JsonNode v, JsonNode catalog) {
        if (v.isNull()) return null;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNumber()) return v.numberValue();
        if (v.isObject()) {
            List<Object> list = new ArrayList<>();
            v.get("list").forEach(item -> list.add(value(item, catalog)));
            return list;
        }
        if (v.isArray()) {
            JsonNode entry = catalog.get("texts").get(v.get(0).asText());
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < entry.path("values").size(); i++) {
                values.add(entry.get("values").get(i).asText());
                values.add(value(v.get(i + 1), catalog));
            }
            return Text.of(entry.get("evidence").asText(), values.toArray());
        }
        String s = v.asText();
        return s.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(s) : s;
    }

    /** The report's cells in form order, "item scope status findings". */
    private static List<String> cells(JsonNode sections) {
        List<String> cells = new ArrayList<>();
        for (JsonNode s : sections) for (JsonNode i : s.get("items")) for (JsonNode c : i.get("cells")) {
            cells.add(c.get("item").asText() + " " + c.path("scope").asText() + " " + cell(c));
        }
        return cells;
    }

    /** The record's cells, placed by the catalog's cells of the form. */
    private List<String> cells(JsonNode recordCells, JsonNode form, List<JsonNode> findings) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < recordCells.size(); i++) {
            JsonNode c = form.get("cells").get(i);
            cells.add(c.get("item").asText() + " " + c.path("scope").asText() + " " + cell(recordCells.get(i), findings));
        }
        assertEquals(form.get("cells").size(), recordCells.size());
        return cells;
    }

    private static String cell(JsonNode reportCell) {
        return reportCell.get("status").asText() + " " + reportCell.get("findings");
    }

    private String cell(JsonNode recordCell, List<JsonNode> findings) {
        var resolved = CliTest.JSON.createArrayNode();
        recordCell.get(1).forEach(i -> resolved.add(findings.get(i.asInt())));
        return statuses.get(recordCell.get(0).asText()).get("code").asText() + " " + resolved;
    }
}
