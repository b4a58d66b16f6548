package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;
import kensa.cli.Kensa;
import kensa.render.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI on the bundled examples: exit codes, every cell's verdict, and the JSON against its golden copy. */
class CliTest {
    static final Path GOLDEN = Project.ROOT.resolve("engine/src/test/resources/golden");
    static final ObjectMapper JSON = new ObjectMapper();

    /** An assessment's JSON with each finding key replaced by the finding it refers to, as a reader would resolve it. */
    static JsonNode readAssessment(Path json) throws IOException {
        JsonNode root = JSON.readTree(json.toFile());
        resolveFindings(root, root.get("findings"));
        return root;
    }

    private static void resolveFindings(JsonNode node, JsonNode findings) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (field.getKey().equals("finding") && value.isTextual()) field.setValue(found(findings, value));
                else if (field.getKey().equals("findings") && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) value).set(i, found(findings, value.get(i)));
                    }
                } else if (value != findings) resolveFindings(value, findings);
            });
        } else if (node.isArray()) {
            node.forEach(child -> resolveFindings(child, findings));
        }
    }

    private static JsonNode found(JsonNode findings, JsonNode key) {
        JsonNode f = findings.get(key.asText());
        if (f == null) throw new AssertionError("no finding with the key " + key);
        return f;
    }

    @TempDir Path out;

    record Run(int exit, String stdout, String stderr) {}

    static Run kensa(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = Kensa.commandLine();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int exit = cli.execute(args);
        return new Run(exit, stdout.toString(), stderr.toString());
    }

    /** Where each bundled example's verdicts are kept, one line per cell and requirement, for a reviewer to read as a diff. */
    static final Path VERDICTS = Project.ROOT.resolve("engine/src/test/resources/verdicts");
    /** The examples whose whole JSON report is kept too (wording, dates, priorities), beside every example's verdicts. */
    static final List<String> FULL_GOLDEN = List.of("small-clinic", "hospital-250-beds");

    /** Every bundled example, by name. */
    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(Project.EXAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    /**
     * Each example's exit code and verdicts against {@code verdicts/<name>.txt}, and its JSON against
     * {@code golden/<name>.json} for the {@link #FULL_GOLDEN} ones. {@code -Dkensa.updateGolden=true} rewrites both from
     * what kensa does now: review the diff, then commit it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void assessesEachExample(String name) throws IOException {
        Run run = kensa("assess", Project.EXAMPLES.resolve(name + ".xml").toString(), "-o", out.toString());
        assertEquals("", run.stderr());
        String json = Files.readString(out.resolve(name + ".json"));
        assertTrue(Files.readString(out.resolve(name + ".html")).contains("すること("));
        assertTrue(Files.readString(out.resolve(name + ".detail.html")).contains("評価報告書(詳細)"));
        assertTrue(Files.readString(out.resolve(name + ".md")).contains("## 確かめること("));
        assertTrue(Files.readString(out.resolve(name + ".detail.md")).contains("## 全項目の判定"));

        boolean update = Boolean.getBoolean("kensa.updateGolden");
        String verdicts = "exit " + run.exit() + "\n" + verdicts(JSON.readTree(json));
        Path kept = VERDICTS.resolve(name + ".txt");
        if (update) Files.writeString(kept, verdicts);
        assertTrue(Files.exists(kept), "no " + kept + ": run with -Dkensa.updateGolden=true, review it, commit it");
        assertEquals(Files.readString(kept), verdicts, "verdicts differ from " + kept + " (rerun with -Dkensa.updateGolden=true if intended)");
        if (FULL_GOLDEN.contains(name)) {
            Path golden = GOLDEN.resolve(name + ".json");
            if (update) Files.writeString(golden, json);
            assertEquals(Files.readString(golden), json, "JSON differs from " + golden + " (rerun with -Dkensa.updateGolden=true if intended)");
        }
    }

    /**
     * Every verdict shows why: each cell (gate, the facility's form, every vendor's form) and each requirement decided by
     * rules refers to at least one finding, and none is the engine's stand-in for a named rule that said nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyVerdictRefersToTheFindingsThatDecidedIt(String name) throws IOException {
        kensa("assess", Project.EXAMPLES.resolve(name + ".xml").toString(), "-o", out.toString(), "--format", "json");
        JsonNode a = JSON.readTree(out.resolve(name + ".json").toFile());
        List<String> problems = new ArrayList<>();
        List<JsonNode> cells = new ArrayList<>();
        if (a.has("gate")) cells.add(a.get("gate"));
        List<JsonNode> forms = new ArrayList<>(List.of(a));
        if (a.has("vendorForms")) a.get("vendorForms").forEach(forms::add);
        for (JsonNode form : forms) {
            for (JsonNode s : form.get("sections")) for (JsonNode i : s.get("items")) i.get("cells").forEach(cells::add);
        }
        for (JsonNode c : cells) {
            if (!c.has("findings") || c.get("findings").isEmpty()) problems.add("cell " + c.get("item") + " " + c.get("scope") + ": no finding");
        }
        if (a.has("guideline")) {
            for (JsonNode v : a.get("guideline").get("volumes")) for (JsonNode r : v.get("requirements")) {
                if (r.has("status") && (!r.has("findings") || r.get("findings").isEmpty())) problems.add("requirement " + r.get("key") + ": no finding");
            }
        }
        for (JsonNode f : a.get("findings")) {
            if (f.get("evidence").asText().equals(kensa.rulebase.Finding.SILENCE)) {
                problems.add("rule " + f.get("rule").asText() + " said nothing about a cell or requirement that names it");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Help and command-line mistakes are in Japanese: none of picocli's English reaches a user. */
    @Test
    void helpAndUsageErrorsAreJapanese() {
        List<String> english = List.of("Usage:", "Show this help", "Print version", "Commands:", "Options:", "Missing required",
                "Unknown option", "Invalid value", "[COMMAND]");
        List<Run> runs = new ArrayList<>(List.of(kensa("--help"), kensa("assess"), kensa("assess", "--bogus", "x.xml"),
                kensa("assess", "--threads", "abc", "x.xml"), kensa("nosuchcommand")));
        for (String command : List.of("assess", "validate", "editions", "rules", "compare", "generate", "serve")) runs.add(kensa(command, "--help"));
        for (Run run : runs) {
            String all = run.stdout() + run.stderr();
            for (String word : english) assertFalse(all.contains(word), word + " in: " + all);
        }
        Run missing = kensa("assess");
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().contains("必要な指定がありません: FILE|DIR|GLOB"), missing.stderr());
        assertTrue(missing.stderr().contains("kensa assess --help"), missing.stderr());
        assertTrue(kensa("--help").stdout().contains("使い方: kensa"));
    }

    /**
     * A letter to each vendor: what only that vendor can answer, the contract clauses missing, and its 事業者確認用 to
     * return, one page each, addressed and dated.
     */
    @Test
    void aLetterToEachVendorAsksWhatOnlyItCanAnswer() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("partial-sla-clinic.xml").toString(), "-o", out.toString(), "--format", "vendor.html");
        String letter = Files.readString(out.resolve("partial-sla-clinic.vendor.html"));
        assertTrue(letter.contains("つばさデータ保管(架空) 御中"), "addressed to the vendor");
        assertTrue(letter.contains("契約・SLA などでご対応をお願いしたい事項(4 件)"), "the clauses its contract lacks");
        assertTrue(letter.contains("再委託(ほかの会社に作業を任せること)についての定めがない"), letter);
        assertTrue(letter.contains("令和7年4月7日</strong>までにご返送"), "a reply-by date, four weeks after the assessment");
        assertTrue(letter.contains("事業者確認用(令和6年度版)"), "the form to return");
        assertFalse(letter.contains("kensa"), "written as the facility's own letter");
        kensa("assess", Project.EXAMPLES.resolve("no-vendor-clinic.xml").toString(), "-o", out.resolve("none").toString(), "--format", "vendor.html");
        assertTrue(Files.readString(out.resolve("none/no-vendor-clinic.vendor.html")).contains("事業者が登録されていません"));
    }

    /**
     * One date per cell in 令和8年度, whose edition's items are not loaded: the 令和7年度版 items are due by the end of the
     * fiscal year in force (令和9年3月31日), never overdue because 令和7年度 has ended; JSON, report and form agree.
     */
    @Test
    void aStandInFormIsDueWithinTheFiscalYearInForce() throws IOException {
        Run run = kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(),
                "--format", "json,html,detail.html,md,form.html", "--as-of", "2026-12-07");
        assertEquals("", run.stderr());
        JsonNode a = JSON.readTree(out.resolve("small-clinic.json").toFile());
        assertEquals("items_not_loaded", a.get("checklist").get("selectedBy").asText());
        assertEquals("2027-03-31", a.get("checklist").get("deadline").asText());
        int due = 0;
        List<JsonNode> forms = new ArrayList<>(List.of(a));
        if (a.has("vendorForms")) a.get("vendorForms").forEach(forms::add);
        for (JsonNode form : forms) for (JsonNode s : form.get("sections")) for (JsonNode i : s.get("items")) for (JsonNode c : i.get("cells")) {
            if (c.has("due")) {
                due++;
                assertEquals("2027-03-31", c.get("due").asText(), c.toString());
            }
            assertFalse(c.has("overdue") && c.get("overdue").asBoolean(), c.toString());
            if (c.has("target")) assertEquals("2027-03-31", c.get("target").asText(), c.toString());
        }
        assertTrue(due > 0, "the example has gaps");
        for (String report : List.of("small-clinic.html", "small-clinic.detail.html", "small-clinic.md", "small-clinic.form.html")) {
            String text = Files.readString(out.resolve(report));
            assertFalse(text.contains("class=\"overdue\"") || text.contains("(期限超過)"), report + " marks something overdue");
            assertFalse(text.contains("令和8年3月31日"), report + " shows the stand-in's deadline");
            assertTrue(text.contains("令和9年3月31日"), report);
        }
    }

    /**
     * 第7.0版's みなし遵守 holds only for a facility that complies with 保守委託機関編: vendors updating every server in
     * writing is not enough while that volume's requirements are open, and each volume is then assessed.
     */
    @Test
    void deemedComplianceNeedsTheMaintenanceVolumeCompliedWith() throws IOException {
        Path file = Files.createDirectories(out.resolve("in")).resolve("deemed.xml");
        Files.writeString(file, """
                <facility xmlns="urn:kensa:facility:1">
                  <name>テスト診療所</name>
                  <facilityType>clinic</facilityType>
                  <assessmentDate>2026-11-20</assessmentDate>
                  <medicalInformationSystemInUse>true</medicalInformationSystemInUse>
                  <maintenanceOutsourcing vendorsUpdateAllServers="true" writtenInContract="true"/>
                </facility>
                """);
        kensa("assess", file.toString(), "-o", out.resolve("o").toString(), "--format", "json,detail.md", "--guideline", "7.0");
        JsonNode a = readAssessment(out.resolve("o/deemed.json"));
        int deemed = 0;
        for (JsonNode v : a.get("guideline").get("volumes")) {
            JsonNode c = v.get("condition");
            if (c == null || !c.get("kind").asText().equals("deemed_when")) continue;
            deemed++;
            assertFalse(c.get("holds").asBoolean(), v.get("title") + ": " + c);
            assertTrue(c.get("throughOpen").asInt() > 0, v.get("title") + ": " + c);
            assertTrue(v.get("requirements").size() > 0, v.get("title") + " is assessed");
        }
        assertEquals(3, deemed, "経営管理編・企画管理編・システム運用編");
        assertTrue(Files.readString(out.resolve("o/deemed.detail.md")).contains("保守委託機関編に不適合・未回答の要件"), "the report says why");
    }

    /**
     * The verdicts of an assessment as lines a reviewer reads: the form applied, then every cell (gate first) with its
     * status and the keys of the findings that decided it; the same for each vendor's form; then every guideline
     * requirement ("question" for one an assessor asks). One new finding changes only the lines that name it.
     */
    static String verdicts(JsonNode a) {
        StringBuilder out = new StringBuilder();
        out.append("form ").append(a.get("checklist").get("id").asText()).append('\n');
        if (a.has("gate")) verdictLine(out, a.get("gate"));
        cellLines(out, a.get("sections"));
        for (JsonNode v : a.path("vendorForms")) {
            out.append("vendor ").append(v.get("vendor").asText()).append(' ').append(v.get("checklist").get("id").asText()).append('\n');
            cellLines(out, v.get("sections"));
        }
        JsonNode g = a.path("guideline");
        if (!g.isMissingNode()) {
            out.append("guideline ").append(g.get("id").asText()).append('\n');
            for (JsonNode v : g.get("volumes")) for (JsonNode r : v.get("requirements")) {
                out.append("  ").append(r.get("key").asText()).append(" = ").append(r.path("status").asText("question"));
                for (JsonNode f : r.path("findings")) out.append(' ').append(f.asText());
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void cellLines(StringBuilder out, JsonNode sections) {
        for (JsonNode s : sections) for (JsonNode i : s.get("items")) for (JsonNode c : i.get("cells")) verdictLine(out, c);
    }

    private static void verdictLine(StringBuilder out, JsonNode cell) {
        out.append("  ").append(cell.get("item").asText()).append(cell.has("scope") ? " " + cell.get("scope").asText() : "")
                .append(" = ").append(cell.get("status").asText());
        for (JsonNode f : cell.path("findings")) out.append(' ').append(f.asText());
        out.append('\n');
    }

    @Test
    void sameInputGivesByteIdenticalReports() throws IOException {
        Path example = Project.EXAMPLES.resolve("hospital-250-beds.xml");
        kensa("assess", example.toString(), "-o", out.resolve("first").toString());
        kensa("assess", example.toString(), "-o", out.resolve("second").toString());
        for (String ext : List.of("html", "detail.html", "md", "detail.md", "json", "form.html", "form.csv")) {
            assertEquals(Files.readString(out.resolve("first/hospital-250-beds." + ext)),
                    Files.readString(out.resolve("second/hospital-250-beds." + ext)), ext);
        }
    }

    /**
     * Every format people open (HTML, Markdown, and any format added later: the list is {@link Reports#FORMATS}) shows
     * what the facility wrote as text, never as markup. CSV and JSON carry no markup (formulas: CsvInjectionTest); a
     * Markdown link in a name: InputsAccountedTest.
     */
    @Test
    void everyFormatEscapesWhatTheFacilityWrote() throws IOException {
        Path file = out.resolve("evil.xml");
        Files.writeString(file, Files.readString(Project.EXAMPLES.resolve("small-clinic.xml"))
                .replace("さくら内科クリニック(架空)", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .replace("name=\"受付PC\"", "name=\"&lt;img src=x onerror=alert(1)&gt;\""));
        Path reports = out.resolve("reports"); // (the input's own folder is not kensa's to write in)
        List<String> markup = Reports.FORMATS.stream().filter(f -> !f.equals("json") && !f.endsWith("csv")).toList();
        kensa("assess", file.toString(), "-o", reports.toString(), "--format", String.join(",", markup));
        for (String format : markup) {
            String text = Files.readString(reports.resolve("evil." + format));
            assertFalse(text.contains("<script>"), format + ": the facility name must be escaped");
            assertFalse(text.contains("<img"), format + ": a device name must be escaped");
            assertTrue(text.contains("&lt;script"), format + ": the name is there, as text");
        }
    }

    @Test
    void asOfOverridesTheAssessmentDateAndMarksOverdueGaps() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(),
                "--format", "json", "--as-of", "2025-04-01", "--edition", "R6");
        JsonNode a = JSON.readTree(out.resolve("small-clinic.json").toFile());
        assertEquals("2025-04-01", a.get("assessedOn").asText());
        assertEquals("r6-medical", a.get("checklist").get("id").asText());
        assertEquals("requested", a.get("checklist").get("selectedBy").asText());
        JsonNode assetRegister = a.get("sections").get(1).get("items").get(0).get("cells").get(0);
        assertEquals("2025-03-31", assetRegister.get("due").asText());
        assertTrue(assetRegister.get("overdue").asBoolean());
    }

    /** The edition follows the assessment date's fiscal year (April to March); a later year without its edition uses the latest. */
    @ParameterizedTest(name = "{0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "2024-03-31, r5-medical, fiscal_year", "2024-04-01, r6-medical, fiscal_year",
            "2025-03-31, r6-medical, fiscal_year", "2025-04-01, r7-medical, fiscal_year",
            "2026-11-24, r7-medical, items_not_loaded", "2023-01-10, r5-medical, earliest_available"})
    void editionFollowsTheFiscalYear(String asOf, String checklist, String reason) throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(),
                "--format", "json,html", "--as-of", asOf);
        JsonNode a = JSON.readTree(out.resolve("small-clinic.json").toFile());
        assertEquals(checklist, a.get("checklist").get("id").asText());
        assertEquals(reason, a.get("checklist").get("selectedBy").asText());
        assertTrue(Files.readString(out.resolve("small-clinic.html")).contains("を適用しました。"));
    }

    @Test
    void filledFormCsvIsUtf8WithBomAndOneRowPerCell() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--format", "json,form.csv");
        byte[] bytes = Files.readAllBytes(out.resolve("small-clinic.form.csv"));
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM for Excel");
        String csv = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).substring(1);
        List<String> rows = List.of(csv.split("\r\n"));
        assertTrue(rows.get(0).startsWith("\"様式\",\"版\""), rows.get(0));
        JsonNode a = JSON.readTree(out.resolve("small-clinic.json").toFile());
        int cells = 1; // the gate
        for (JsonNode s : a.get("sections")) if (!s.has("onForm")) for (JsonNode i : s.get("items")) cells += i.get("cells").size();
        for (JsonNode v : a.path("vendorForms")) for (JsonNode s : v.get("sections")) for (JsonNode i : s.get("items")) cells += i.get("cells").size();
        assertEquals(cells + 1, rows.size(), "header plus one row per cell of every form");
    }

    @Test
    void editionsListsEveryFormAndDiffShowsWhatR7Added() {
        Run list = kensa("editions");
        assertEquals(0, list.exit(), list.stderr());
        for (String id : List.of("r5-medical", "r6-medical", "r7-medical", "r6-pharmacy", "r7-vendor")) {
            assertTrue(list.stdout().contains(id), id + " in\n" + list.stdout());
        }
        Run diff = kensa("editions", "diff", "R6", "R7");
        assertEquals(0, diff.exit(), diff.stderr());
        assertTrue(diff.stdout().contains("令和6年度版 医療機関確認用 → 令和7年度版 医療機関確認用"), diff.stdout());
        assertTrue(diff.stdout().contains("パスワードの使い回しを禁止している。"), diff.stdout());
        assertTrue(diff.stdout().contains("削除(0 件)"), diff.stdout());
        assertEquals(Kensa.INVALID_INPUT, kensa("editions", "diff", "R6", "X9").exit());
    }

    @Test
    void declaredAnswersThatContradictTheFactsAreShownWithTheirEvidence() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("declared-clinic.xml").toString(), "-o", out.toString(), "--format", "detail.html,detail.md,form.html");
        String html = Files.readString(out.resolve("declared-clinic.detail.html"));
        assertTrue(html.contains("申告と事実の食い違い(4 件)"), "facility 2-⑦ and 3-③, vendor 2-② and 2-⑦");
        assertTrue(html.contains("パスワードの決まり: 6文字以上"), "the evidence behind the contradiction");
        assertTrue(html.contains("自己申告"), "2-⑨ decided by the declaration alone");
        assertTrue(html.contains("新規"), "items new in 令和7年度版 are marked");
        assertTrue(Files.readString(out.resolve("declared-clinic.detail.md")).contains("## 申告と事実の食い違い(4 件)"));
        String form = Files.readString(out.resolve("declared-clinic.form.html"));
        assertTrue(form.contains("事業者確認用") && form.contains("そよかぜシステムズ(架空)"), "the vendor's form follows the facility's");
        // The inspector's form says it in the cell itself, in words, and nothing about software.
        assertTrue(form.contains("申告と相違(申告: はい)"), "a contradiction, with the declared answer, in its cell");
        assertTrue(form.contains("<div class=\"mark\">自己申告</div>"), "a self-declared answer, in its cell");
        assertFalse(form.contains("<sup>†</sup>") || form.contains("<sup>*</sup>"), "no tiny marks");
        assertFalse(form.replaceAll("<[^>]*>", "").contains("kensa"), "the form does not speak of software");
    }

    /** Item wording the checklist data does not vouch for is marked where it is printed, with its source; confirmed wording is not. */
    @Test
    void unconfirmedWordingIsMarkedOnTheFilledForms() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("declared-clinic.xml").toString(), "-o", out.toString(), "--format", "form.html,form.csv");
        String form = Files.readString(out.resolve("declared-clinic.form.html"));
        assertTrue(form.contains("運用管理規程等を整備している。 <span class=\"unconfirmed\">文言未確認<sup>※1-②</sup></span>"), "1-② is marked");
        assertTrue(form.contains("※1-② 令和7年度版の追加テーマ「運用管理規程等の整備」として報告"), "its footnote says what is unconfirmed");
        assertTrue(form.contains("(出典: 令和7年度版の追加テーマ") || form.contains("zaitakuiryo-c.com"), "and where it was seen");
        assertTrue(form.contains("※2-⑪ 番号: 溶け込み版 p9 ではこの項目が⑥"), "the patch item's number is marked");
        assertTrue(form.contains("医療情報システム安全管理責任者を設置している。</td>"), "confirmed wording prints plainly");
        String csv = Files.readString(out.resolve("declared-clinic.form.csv"));
        assertTrue(csv.contains("運用管理規程等を整備している。(文言未確認: "), "the CSV carries the note after the text");
        assertTrue(csv.contains("\"医療情報システム安全管理責任者を設置している。\""), "confirmed wording unchanged in the CSV");
    }

    /** The guideline and the checklist edition both follow the assessment date, and every output names both. */
    @ParameterizedTest(name = "{0} → {1}, {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "2026-03-31, 第6.0版, fiscal_year, 令和7年度版の項目で評価しました。|令和7年度版を適用しました。",
            "2026-06-28, 第6.0版, items_not_loaded, 令和7年度版の医療機関確認用の項目で評価しました。",
            "2026-06-29, 第7.0版, items_not_loaded, 令和7年度版の医療機関確認用の項目で評価しました。",
            "2026-11-23, 第7.0版, items_not_loaded, 令和7年度版の医療機関確認用の項目で評価しました。"})
    void everyOutputNamesTheGuidelineAndChecklistEditionsApplied(String asOf, String guideline, String reason, String line)
            throws IOException {
        Run run = kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--as-of", asOf);
        assertEquals("", run.stderr());
        JsonNode a = JSON.readTree(out.resolve("small-clinic.json").toFile());
        assertEquals(guideline, a.get("guideline").get("edition").asText());
        assertEquals("in_force", a.get("guideline").get("selectedBy").asText());
        assertEquals("r7-medical", a.get("checklist").get("id").asText());
        assertEquals(reason, a.get("checklist").get("selectedBy").asText());
        if (reason.equals("items_not_loaded")) assertEquals("r8-medical-pharmacy", a.get("checklist").get("inForce").get("id").asText());
        for (String format : List.of("html", "md", "form.html")) {
            String text = Files.readString(out.resolve("small-clinic." + format));
            assertTrue(text.contains("に有効な" + guideline + "("), format + " names the guideline edition and why");
            assertTrue(java.util.Arrays.stream(line.split("\\|")).anyMatch(text::contains), format + " says which checklist edition and why");
        }
    }

    /** 10 characters without two-factor authentication: not met under both editions, for each edition's reason. */
    @Test
    void passwordRulesChangedBetweenGuidelineEditions() throws IOException {
        String facility = """
                <facility xmlns="urn:kensa:facility:1">
                  <name>テスト診療所</name>
                  <facilityType>clinic</facilityType>
                  <assessmentDate>2026-11-23</assessmentDate>
                  <medicalInformationSystemInUse>true</medicalInformationSystemInUse>
                  <passwordRules minLength="%d" mixedCharacters="true" changedPeriodically="false"/>
                  <devices>
                    <device kind="server" name="電子カルテサーバ" twoFactorAuthentication="%s"/>
                    <device kind="terminal" name="受付PC" twoFactorAuthentication="%s"/>
                  </devices>
                </facility>
                """;
        Path weak = out.resolve("weak.xml");
        Path strong = out.resolve("strong.xml");
        Files.writeString(weak, facility.formatted(10, false, false));
        Files.writeString(strong, facility.formatted(8, true, true));
        for (String edition : List.of("6.0", "7.0")) {
            kensa("assess", weak.toString(), strong.toString(), "-o", out.resolve(edition).toString(), "--format", "json", "--guideline", edition);
            List<JsonNode> weakFindings = passwordFindings(out.resolve(edition).resolve("weak.json"));
            assertTrue(!weakFindings.isEmpty() && weakFindings.stream().allMatch(f -> f.get("status").asText().equals("not_met")), edition + " " + weakFindings);
            // The requirements the weak policy fails are the ones the strong policy meets.
            Set<String> failed = requirementKeys(out.resolve(edition).resolve("weak.json"), "password_length");
            JsonNode strongJson = readAssessment(out.resolve(edition).resolve("strong.json"));
            int met = 0;
            for (JsonNode v : strongJson.get("guideline").get("volumes")) {
                for (JsonNode r : v.get("requirements")) {
                    if (!failed.contains(r.get("key").asText())) continue;
                    // Other rules of a shared requirement may still be unanswered here; the password rule itself is met.
                    for (JsonNode f : r.get("findings")) {
                        if (f.get("rule").asText().startsWith("password_length")) assertEquals("met", f.get("status").asText(), edition + " " + f);
                    }
                    if (r.get("status").asText().equals("met")) met++;
                }
            }
            assertTrue(met > 0, edition + ": a password requirement met with 8 characters and two-factor authentication");
            String remedy = weakFindings.get(0).get("remediation").asText();
            assertTrue(remedy.contains("13文字") && remedy.contains("二要素認証"), remedy);
            if (edition.equals("6.0")) assertTrue(remedy.contains("2か月以内ごとに変更"), remedy);
            else assertTrue(!remedy.contains("定期的に変更") && !remedy.contains("か月"), remedy);
        }
    }

    /** The keys of the requirements with a finding of a rule whose id starts with the prefix. */
    private static Set<String> requirementKeys(Path json, String rulePrefix) throws IOException {
        Set<String> keys = new java.util.TreeSet<>();
        for (JsonNode v : readAssessment(json).get("guideline").get("volumes")) {
            for (JsonNode r : v.get("requirements")) {
                for (JsonNode f : r.path("findings")) if (f.get("rule").asText().startsWith(rulePrefix)) keys.add(r.get("key").asText());
            }
        }
        return keys;
    }

    /** The findings of the password-length rule the guideline edition applies. */
    private static List<JsonNode> passwordFindings(Path json) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode v : readAssessment(json).get("guideline").get("volumes")) {
            for (JsonNode r : v.get("requirements")) {
                for (JsonNode f : r.path("findings")) {
                    if (f.get("rule").asText().startsWith("password_length") && !found.contains(f)) found.add(f);
                }
            }
        }
        return found;
    }

    @Test
    void editionsListGuidelinesAndTheEditionWhoseItemsAreNotLoaded() {
        Run list = kensa("editions");
        assertTrue(list.stdout().contains("r8-medical-pharmacy") && list.stdout().contains("項目未収録"), list.stdout());
        assertTrue(list.stdout().contains("第7.0版\t令和8年6月29日") && list.stdout().contains("gl-6.0"), list.stdout());
        Run diff = kensa("editions", "diff", "6.0", "7.0");
        assertEquals(0, diff.exit(), diff.stderr());
        assertTrue(diff.stdout().contains("password.maxChangeIntervalMonths 削除"), diff.stdout());
        assertTrue(diff.stdout().contains("保守委託機関編: ルール security_updates_contracted_to_vendors を満たす施設だけが対象"), diff.stdout());
        Run r8 = kensa("editions", "diff", "R7", "R8");
        assertTrue(r8.stdout().contains("項目未収録のため比べられません"), r8.stdout());
    }

    @Test
    void compareShowsWhatTheNewerGuidelineChangesForOneFacility() {
        Run run = kensa("compare", Project.EXAMPLES.resolve("regional-hospital.xml").toString(), "--guidelines", "6.0,7.0");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().startsWith("編\t番号\t要件\t第6.0版\t第7.0版"), run.stdout());
        assertTrue(run.stdout().lines().anyMatch(l -> l.contains("14.1.1") && l.endsWith("\t—\t不適合")), run.stdout());
        assertTrue(run.stdout().lines().anyMatch(l -> l.contains("14⑥") && l.endsWith("\t不適合\t—")), run.stdout());
    }

    /** A folder of good and broken files: every good one assessed, every broken one listed, and exit code 4. */
    @Test
    void batchGoesPastBadFilesAndListsThem() throws IOException {
        Path in = Files.createDirectories(out.resolve("in"));
        for (String name : List.of("small-clinic", "pharmacy", "regional-hospital")) {
            Files.copy(Project.EXAMPLES.resolve(name + ".xml"), in.resolve(name + ".xml"));
        }
        Files.writeString(in.resolve("broken.xml"), "<facility");
        Files.writeString(in.resolve("empty.xml"), "");
        Files.writeString(in.resolve("invalid.xml"), "<facility xmlns=\"urn:kensa:facility:1\"><name>x</name><facilityType>zoo</facilityType></facility>");
        Files.writeString(in.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE f [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<facility xmlns=\"urn:kensa:facility:1\"><name>&e;</name><facilityType>clinic</facilityType></facility>");
        Path result = out.resolve("out");
        Run run = kensa("assess", in.toString(), "-o", result.toString(), "--format", "json,jsonl", "--quiet");
        assertEquals(Kensa.SOME_INPUTS_FAILED, run.exit(), run.stderr());
        for (String name : List.of("small-clinic", "pharmacy", "regional-hospital")) assertTrue(Files.exists(result.resolve(name + ".json")), name);
        List<String> errors = Files.readAllLines(result.resolve("errors.csv"));
        assertEquals(5, errors.size(), String.join("\n", errors));
        for (String bad : List.of("broken.xml", "empty.xml", "invalid.xml", "xxe.xml")) {
            assertTrue(errors.stream().anyMatch(l -> l.contains(bad)), bad + " in errors.csv");
        }
        assertTrue(errors.stream().noneMatch(l -> l.contains("root:")), "no external entity was read");
        assertEquals(3, Files.readAllLines(result.resolve("results.jsonl")).size());
        String summary = Files.readString(result.resolve("summary.html"));
        assertTrue(summary.contains("評価できなかったファイル(4 件"));
        assertTrue(summary.contains("適用した版") && summary.contains("第7.0版") && summary.contains("項目未収録のため"), "the summary names the editions applied");
        assertEquals(Kensa.INVALID_INPUT, kensa("assess", in.resolve("broken.xml").toString(), "-o", result.toString()).exit());
    }

    /** The same inputs give byte-identical outputs whatever the number of threads; the summaries agree with the JSON. */
    @Test
    void batchOutputsAreIdenticalWithOneOrTwoThreads() throws IOException {
        Path in = Files.createDirectories(out.resolve("in"));
        try (var examples = Files.list(Project.EXAMPLES)) {
            for (Path example : examples.sorted().toList()) {
                for (int copy = 1; copy <= 4; copy++) {
                    Files.copy(example, in.resolve(copy + "-" + example.getFileName()));
                }
            }
        }
        Map<String, String> first = null;
        for (String threads : List.of("1", "2")) {
            Path result = out.resolve("t" + threads);
            Run run = kensa("assess", in.toString(), "-o", result.toString(), "--threads", threads, "--quiet",
                    "--format", "json,html,jsonl");
            assertEquals(Kensa.GAPS, run.exit(), run.stderr());
            Map<String, String> files = new java.util.TreeMap<>();
            try (var produced = Files.list(result)) {
                for (Path p : produced.toList()) files.put(p.getFileName().toString(), Files.readString(p));
            }
            if (first == null) first = files;
            else assertEquals(first, files);
        }
        // summary.csv has one row per facility × cell of its own form, as in each facility's JSON.
        long cells = 0;
        JsonNode catalog = JSON.readTree(first.get("catalog.json"));
        for (String line : first.get("results.jsonl").split("\n")) {
            JsonNode form = catalog.get("checklists").get(JSON.readTree(line).get("checklist").get("id").asText());
            for (JsonNode c : form.get("cells")) if (!c.has("onForm")) cells++;
        }
        assertTrue(first.get("results.jsonl").split("\n").length > 30);
        assertEquals(cells + 1, first.get("summary.csv").split("\r\n").length);
        // facilities.csv: one row per facility, for Excel (BOM, CRLF, Japanese headers, 和暦 and ISO dates, Japanese words).
        String facilities = first.get("facilities.csv");
        String[] rows = facilities.replace("\"", "").split("\r\n");
        assertEquals(first.get("results.jsonl").split("\n").length + 1, rows.length);
        assertTrue(rows[0].startsWith("\uFEFFファイル,施設名,施設の種類,評価日,評価日(西暦),"), rows[0]);
        assertTrue(rows[1].matches(".*,(病院|診療所|歯科診療所|薬局),令和\\d+年\\d+月\\d+日,20\\d\\d-\\d\\d-\\d\\d,.*\\.html"), rows[1]);
        String html = first.get("summary.html");
        assertTrue(html.contains("id=\"filter-name\"") && html.contains("id=\"filter-type\"") && html.contains("id=\"filter-status\""),
                "summary.html filters by name, type and state");
        assertTrue(html.contains("aria-sort"), "and shows the sort order");
        String summary = first.get("summary.csv").replace("\"", "");
        assertFalse(summary.contains(",not_met,") || summary.contains(",clinic,"), "summary.csv speaks Japanese");
        assertTrue(summary.contains(",不適合,"));
    }

    @Test
    void coverageAccountsForEveryGuidelineRequirement() {
        Run run = kensa("rules", "--coverage");
        assertEquals(0, run.exit(), run.stderr());
        for (kensa.guideline.Guideline g : Project.guidelines().all()) {
            long entries = kensa.catalog.Guidelines.requirements(g).count();
            long automated = kensa.catalog.Guidelines.requirements(g).filter(r -> !r.getRule().isEmpty()).count();
            long manual = kensa.catalog.Guidelines.requirements(g).filter(r -> r.getManual() != null).count();
            kensa.catalog.Guidelines.requirements(g).forEach(r ->
                    assertTrue(run.stdout().contains("\t" + r.getKey() + "\t"), "coverage lists " + r.getKey()));
            assertTrue(run.stdout().contains("\tops_13_2_multilayer_monitoring\t"), "IDS/EDR is listed");
            assertTrue(run.stdout().lines().anyMatch(l -> l.contains("\tops_13_2_multilayer_monitoring\t") && l.contains("\t推奨\t")),
                    "the coverage table shows a recommendation's strength");
            assertTrue(run.stdout().contains("要件 " + (automated + manual) + " 件(背景 " + (entries - automated - manual)
                    + " 件を除く): 自動判定 " + automated + " 件"), run.stdout());
        }
    }

    @Test
    void theJsonLeavesOutTheGuidelineWordingThatTheReportShows() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--format", "json,detail.html");
        JsonNode json = readAssessment(out.resolve("small-clinic.json"));
        String html = Files.readString(out.resolve("small-clinic.detail.html"));
        kensa.guideline.Guideline applied = Project.guidelines().all().stream()
                .filter(g -> g.getId().equals(json.get("guideline").get("id").asText())).findFirst().orElseThrow();
        int questions = 0, gaps = 0;
        for (JsonNode v : json.get("guideline").get("volumes")) {
            for (JsonNode r : v.get("requirements")) {
                assertFalse(r.has("text") || r.has("question"), r.toString());
                kensa.guideline.Requirement source = kensa.catalog.Guidelines.requirements(applied)
                        .filter(q -> q.getKey().equals(r.get("key").asText())).findFirst().orElseThrow();
                if (source.getManual() != null) {
                    assertTrue(html.contains(source.getManual().strip()), "the report asks " + source.getManual());
                    questions++;
                } else if (r.get("status").asText().equals("not_met")) {
                    assertTrue(html.contains(source.getText().strip()), "the report names " + source.getText());
                    gaps++;
                }
            }
        }
        assertTrue(questions > 10 && gaps > 3, questions + " questions, " + gaps + " gaps");
    }

    @Test
    void executiveSummaryRanksTheGapsAnAttackerUsesFirst() throws IOException {
        kensa("assess", Project.EXAMPLES.resolve("regional-hospital.xml").toString(), "-o", out.toString(), "--format", "json,detail.html");
        JsonNode summary = readAssessment(out.resolve("regional-hospital.json")).get("summary");
        JsonNode actions = summary.get("urgentActions");
        assertEquals(10, actions.size());
        List<String> order = List.of("critical", "high", "medium", "low");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            assertEquals(i + 1, action.get("rank").asInt());
            assertTrue(action.get("basis").size() > 0, "every action cites where it is required");
            if (i > 0) assertTrue(order.indexOf(actions.get(i - 1).get("finding").get("severity").asText())
                    <= order.indexOf(action.get("finding").get("severity").asText()));
        }
        List<String> rules = new ArrayList<>();
        actions.forEach(a -> rules.add(a.get("finding").get("rule").asText()));
        // The entry points and the last line of defence of the ransomware cases come first (an OS past its end of support,
        // the PACS server's, is one of those entry points).
        assertTrue(rules.subList(0, 10).containsAll(List.of("connection_source_restricted", "password_reuse_prohibited",
                "security_patches_applied", "backup_offline_copy", "ssl_vpn_hardened", "default_passwords_changed",
                "device_software_supported")), rules.toString());
        assertTrue(summary.get("gaps").get("critical").asInt() >= 6);
        String html = Files.readString(out.resolve("regional-hospital.detail.html"));
        assertTrue(html.contains("経営層の方へ") && html.contains("最優先の対策"));
        assertTrue(html.indexOf("経営層の方へ") < html.indexOf("チェックリストの結果"), "the summary opens the report");
    }

    @Test
    void unknownFormatIsAUsageError() {
        Run run = kensa("assess", Project.EXAMPLES.resolve("small-clinic.xml").toString(), "-o", out.toString(), "--format", "pdf");
        assertEquals(Kensa.INVALID_INPUT, run.exit());
        assertTrue(run.stderr().contains("pdf"), run.stderr());
    }

    @Test
    void validateAcceptsEveryExample() throws IOException {
        try (Stream<Path> files = Files.list(Project.EXAMPLES)) {
            List<String> args = new ArrayList<>(List.of("validate"));
            files.sorted().map(Path::toString).forEach(args::add);
            Run run = kensa(args.toArray(String[]::new));
            assertEquals(0, run.exit(), run.stderr());
        }
    }

}
