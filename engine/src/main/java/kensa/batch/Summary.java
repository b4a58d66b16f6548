package kensa.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import kensa.assess.Assessment;
import kensa.rulebase.Status;
import kensa.render.AtomicFiles;
import kensa.render.Csv;
import kensa.render.Labels;
import kensa.render.Reports;
import kensa.rulebase.Wareki;
import kensa.xml.InputError;

/**
 * The batch summaries, fed one facility at a time in input order: {@code facilities.csv} (one row per facility),
 * {@code summary.csv} (one row per facility × cell) and {@code errors.csv} (one row per bad file) are streamed to disk; {@code summary.html} is drawn at the end from
 * counts per status and per cell, the facilities with the most open critical gaps, and the first failed inputs, so
 * memory stays bounded whatever the number of files.
 */
public final class Summary implements AutoCloseable {
    public static final String HTML = "summary.html";
    public static final String CSV = "summary.csv";
    public static final String ERRORS = "errors.csv";
    public static final String FACILITIES = "facilities.csv";
    /** Every file a batch writes besides each facility's own. */
    public static final List<String> OUTPUTS = List.of(HTML, CSV, ERRORS, FACILITIES);
    static final int RANKED = 1000;
    static final int ERRORS_SHOWN = 1000;

    private final Path dir;
    private final StreamedFile cellRows;
    private final StreamedFile facilityRows;
    private final StreamedFile errors;
    private final String reportFormat;
    private int assessed;
    private int failed;
    private final Map<String, Integer> byType = new TreeMap<>();
    private final Map<List<String>, Integer> editions = new LinkedHashMap<>();
    private final Map<Status, Integer> cellStatuses = new TreeMap<>();
    private final Map<Status, Integer> guidelineStatuses = new TreeMap<>();
    private final Map<String, FormStats> forms = new LinkedHashMap<>();
    private final PriorityQueue<Ranked> worst = new PriorityQueue<>(Ranked.ORDER.reversed());
    private final List<Map<String, Object>> shownErrors = new ArrayList<>();

    /** @param reportFormat the per-facility report the summary links to (html, else json), or null for none */
    public Summary(Path dir, String reportFormat) throws IOException {
        this.dir = dir;
        this.reportFormat = reportFormat;
        this.cellRows = new StreamedFile(dir.resolve(CSV), List.of("ファイル", "施設名", "施設の種類", "様式", "版・様式", "番号", "欄",
                "確認事項", "判定", "期限", "期限(西暦)"));
        this.facilityRows = new StreamedFile(dir.resolve(FACILITIES), List.of("ファイル", "施設名", "施設の種類", "評価日", "評価日(西暦)",
                "版・様式", "ガイドライン", "適合", "不適合", "未回答", "該当なし", "ガイドライン 不適合", "ガイドライン 未回答",
                "ガイドライン 推奨", "緊急", "期限超過", "報告書"));
        this.errors = new StreamedFile(dir.resolve(ERRORS), List.of("ファイル", "行", "列", "エラー", "対処"));
    }

    private static final class FormStats {
        final String label;
        final Map<String, Object[]> cells = new LinkedHashMap<>(); // key → {item, scopeLabel, text, int[4] by status}

        FormStats(String label) { this.label = label; }
    }

    private record Ranked(long index, FacilityResult facility) {
        static final Comparator<Ranked> ORDER = Comparator
                .comparing((Ranked r) -> -r.facility.gaps().critical())
                .thenComparing(r -> -r.facility.gaps().high())
                .thenComparing(r -> -r.facility.openGaps())
                .thenComparing(Ranked::index);
    }

    public void add(long index, FacilityResult f) throws IOException {
        assessed++;
        byType.merge(f.type(), 1, Integer::sum);
        editions.merge(java.util.Arrays.asList(f.checklistLabel(), f.checklistSelectedBy(), f.inForceLabel(), f.guidelineEdition(),
                f.guidelineSelectedBy()), 1, Integer::sum);
        if (f.guideline() != null) {
            guidelineStatuses.merge(Status.MET, f.guideline().met(), Integer::sum);
            guidelineStatuses.merge(Status.NOT_MET, f.guideline().notMet(), Integer::sum);
            guidelineStatuses.merge(Status.UNANSWERED, f.guideline().unanswered(), Integer::sum);
            guidelineStatuses.merge(Status.NOT_APPLICABLE, f.guideline().notApplicable(), Integer::sum);
            guidelineStatuses.merge(Status.RECOMMENDED, f.guideline().recommended(), Integer::sum);
        }
        FormStats form = forms.computeIfAbsent(f.checklistId(), id -> new FormStats(f.checklistLabel()));
        for (FacilityResult.Cell c : f.cells()) {
            cellStatuses.merge(c.status(), 1, Integer::sum);
            Object[] stats = form.cells.computeIfAbsent(c.item() + "\u0000" + (c.scope() == null ? "" : c.scope()),
                    k -> new Object[] {c.item(), c.scopeLabel() == null ? "" : c.scopeLabel(), c.text(), new int[Status.values().length]});
            ((int[]) stats[3])[c.status().ordinal()]++;
            cellRows.row(f.file(), f.name(), Labels.facilityType(f.type()), f.checklistId(), f.checklistLabel(), c.item(),
                    c.scopeLabel() == null ? "" : c.scopeLabel(), c.text(), Labels.STATUSES.get(c.status()),
                    c.due() == null ? "" : Wareki.date(c.due()), c.due() == null ? "" : c.due().toString());
        }
        Assessment.Counts n = f.counts();
        Assessment.GuidelineCounts g = f.guideline();
        facilityRows.row(f.file(), f.name(), Labels.facilityType(f.type()), f.assessedOn() == null ? "" : Wareki.date(f.assessedOn()),
                String.valueOf(f.assessedOn()), f.checklistLabel(), f.guidelineEdition() == null ? "" : f.guidelineEdition(),
                String.valueOf(n.met()), String.valueOf(n.notMet()), String.valueOf(n.unanswered()), String.valueOf(n.notApplicable()),
                g == null ? "" : String.valueOf(g.notMet()), g == null ? "" : String.valueOf(g.unanswered()),
                g == null ? "" : String.valueOf(g.recommended()), String.valueOf(f.gaps().critical()), String.valueOf(f.gaps().overdue()),
                reportFormat == null ? "" : f.base() + "." + reportFormat);
        worst.add(new Ranked(index, f));
        if (worst.size() > RANKED) worst.poll();
    }

    public void failed(InputError e) throws IOException {
        failed++;
        errors.row(String.valueOf(e.file()), e.line() > 0 ? String.valueOf(e.line()) : "", e.column() > 0 ? String.valueOf(e.column()) : "",
                e.problem(), e.fix());
        if (shownErrors.size() < ERRORS_SHOWN) {
            shownErrors.add(Map.of("file", String.valueOf(e.file()), "message", e.describe()));
        }
    }

    public int assessed() { return assessed; }

    public int failed() { return failed; }

    /** Finishes the CSV files and writes summary.html. */
    public void write(Reports reports) throws IOException {
        cellRows.finish();
        facilityRows.finish();
        errors.finish();
        List<Map<String, Object>> ranked = new ArrayList<>();
        worst.stream().sorted(Ranked.ORDER).forEach(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            FacilityResult f = r.facility();
            row.put("name", f.name());
            row.put("file", f.file());
            row.put("type", f.type());
            row.put("checklist", f.checklistLabel());
            row.put("critical", f.gaps().critical());
            row.put("high", f.gaps().high());
            row.put("open", f.openGaps());
            row.put("notMet", f.counts().notMet());
            row.put("unanswered", f.counts().unanswered());
            if (reportFormat != null) row.put("link", OutputNames.link(f.base() + "." + reportFormat));
            ranked.add(row);
        });
        List<Map<String, Object>> formList = new ArrayList<>();
        forms.forEach((id, stats) -> {
            List<Map<String, Object>> cells = new ArrayList<>();
            stats.cells.values().forEach(v -> {
                int[] n = (int[]) v[3];
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("item", v[0]);
                cell.put("scopeLabel", v[1]);
                cell.put("text", v[2]);
                for (Status s : Status.values()) cell.put(s.code(), n[s.ordinal()]);
                int judged = n[Status.MET.ordinal()] + n[Status.NOT_MET.ordinal()] + n[Status.UNANSWERED.ordinal()];
                cell.put("judged", judged);
                cell.put("rate", judged == 0 ? 0 : Math.round(1000.0 * n[Status.MET.ordinal()] / judged) / 10.0);
                cells.add(cell);
            });
            formList.add(Map.of("id", id, "label", stats.label, "cells", cells));
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("assessed", assessed);
        model.put("failed", failed);
        model.put("byType", byType);
        List<Map<String, Object>> applied = new ArrayList<>();
        editions.forEach((k, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("checklist", k.get(0));
            row.put("checklistSelectedBy", k.get(1));
            if (k.get(2) != null) row.put("inForce", k.get(2));
            if (k.get(3) != null) row.put("guideline", k.get(3));
            if (k.get(4) != null) row.put("guidelineSelectedBy", k.get(4));
            row.put("facilities", n);
            applied.add(row);
        });
        model.put("editions", applied);
        model.put("cells", codes(cellStatuses));
        model.put("guideline", codes(guidelineStatuses));
        model.put("forms", formList);
        model.put("ranked", ranked);
        model.put("rankedLimit", RANKED);
        model.put("errors", shownErrors);
        model.put("errorsLimit", ERRORS_SHOWN);
        AtomicFiles.write(dir.resolve(HTML), reports.renderTemplate("summary.html.ftlh", Map.of("s", model)));
    }

    private static Map<String, Integer> codes(Map<Status, Integer> counts) {
        Map<String, Integer> byCode = new LinkedHashMap<>();
        for (Status s : Status.values()) byCode.put(s.code(), counts.getOrDefault(s, 0));
        return byCode;
    }

    @Override
    public void close() throws IOException {
        cellRows.close();
        facilityRows.close();
        errors.close();
    }

    /**
     * A UTF-8 file written row by row (CSV with BOM, CRLF, quoted; or plain lines such as JSON lines) to a temporary
     * file and moved into place whole when finished; dropped if never finished.
     */
    public static final class StreamedFile implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final OutputStream out;
        private final StringBuilder row = new StringBuilder();
        private boolean done;

        /** @param header the CSV header (and a BOM), or null for a plain text stream such as JSON lines */
        public StreamedFile(Path target, List<String> header) throws IOException {
            this.target = target;
            Files.createDirectories(target.toAbsolutePath().getParent());
            AtomicFiles.Temp file = AtomicFiles.newTemp(target);
            this.temp = file.path();
            this.out = new BufferedOutputStream(file.out(), 1 << 16);
            if (header != null) {
                row.append('\uFEFF');
                row(header.toArray(String[]::new));
            }
        }

        /** One line of UTF-8 as it is (JSON lines), and a line break. */
        public void line(byte[] utf8) throws IOException {
            out.write(utf8);
            out.write('\n');
        }

        void row(String... fields) throws IOException {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) row.append(',');
                row.append(Csv.field(fields[i]));
            }
            row.append("\r\n");
            out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            row.setLength(0);
        }

        /** Moves the finished file into place (once; later calls do nothing). */
        public void finish() throws IOException {
            if (done) return;
            out.close();
            AtomicFiles.moveIntoPlace(temp, target);
            done = true;
        }

        /** Drops the half-written file when the batch did not finish (also when closing fails, as on a full disk). */
        @Override
        public void close() throws IOException {
            if (done) return;
            try {
                out.close();
            } finally {
                AtomicFiles.discard(temp);
            }
        }
    }
}
