package kensa.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kensa.assess.Assessment;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.facts.Facility;
import kensa.render.AtomicFiles;
import kensa.render.Reports;
import kensa.render.ShortReport;
import kensa.xml.InputError;

/**
 * Assesses a list of facility files on a pool of threads and writes their outputs: each facility's reports, and for
 * a batch the summaries and (with --format jsonl) results.jsonl and catalog.json. Outcomes are taken in input order
 * through a window a few times the threads wide, so every output is the same whatever the threads' timing and memory
 * stays bounded whatever the number of files.
 */
public final class Batch {
    public static final String RESULTS = "results.jsonl";

    /** One facility file to its assessment, or why it cannot be: read, then choose the editions and assess. */
    public interface Assess {
        Facility read(Path file) throws InputError;

        Assessment assess(Path file, Facility facility) throws InputError;
    }

    /**
     * @param formats     the formats asked for, per-facility ones and perhaps {@link Reports#JSONL}
     * @param summaries   write summary.html and the CSV files (more than one input was asked for)
     */
    public record Options(Path outputDir, List<String> formats, boolean summaries, int threads, boolean quiet) {
        boolean jsonl() { return formats.contains(Reports.JSONL); }

        List<String> perFacility() { return formats.stream().filter(f -> !f.equals(Reports.JSONL)).toList(); }
    }

    /** What became of the inputs. */
    public record Outcome(int total, int assessed, int failed, boolean gaps) {}

    private record One(InputError error, FacilityResult result, byte[] record, String line, boolean gaps) {}

    private final Options options;
    private final Assess assess;
    private final Reports reports;
    private final Checklists checklists;
    private final Guidelines guidelines;

    public Batch(Options options, Assess assess, Reports reports, Checklists checklists, Guidelines guidelines) {
        this.options = options;
        this.assess = assess;
        this.reports = reports;
        this.checklists = checklists;
        this.guidelines = guidelines;
    }

    /** Plans the output folder (refusing one that is not kensa's) and assesses every input. */
    public Outcome run(List<Path> inputs, PrintWriter out, PrintWriter err) throws Exception {
        Path outputDir = options.outputDir();
        List<String> perFacility = options.perFacility();
        // Two files whose outputs would have one name would overwrite each other's reports: the later ones are refused, in input order.
        OutputNames names = new OutputNames();
        List<String> baseNames = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (Path file : inputs) {
            String base = names.claim(file);
            baseNames.add(base);
            if (base != null) perFacility.forEach(f -> planned.add(base + "." + f));
        }
        if (options.summaries()) planned.addAll(Summary.OUTPUTS);
        if (options.jsonl()) {
            planned.add(RESULTS);
            planned.add(ResultCatalog.FILE);
        }
        OutputFolder folder = OutputFolder.open(outputDir);
        folder.plan(planned);
        try (folder) {
            return run(inputs, baseNames, names, folder, out, err);
        }
    }

    private Outcome run(List<Path> inputs, List<String> baseNames, OutputNames names, OutputFolder folder, PrintWriter out,
                        PrintWriter err) throws Exception {
        Path outputDir = options.outputDir();
        int workers = Math.max(1, options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "kensa-assess");
            t.setDaemon(true);
            return t;
        });
        List<String> perFacility = options.perFacility();
        String link = perFacility.contains("html") ? "html" : perFacility.contains("json") ? "json" : null;
        Progress progress = new Progress(err, inputs.size(), System.console() != null, options.quiet() || !options.summaries());
        ResultCatalog catalog = options.jsonl() ? new ResultCatalog(checklists, guidelines) : null;
        boolean gaps = false;
        int done = 0;
        int failed = 0;
        try (Summary summary = options.summaries() ? new Summary(outputDir, link) : null;
             Summary.StreamedFile jsonl = catalog != null ? new Summary.StreamedFile(outputDir.resolve(RESULTS), null) : null) {
            Deque<Future<One>> window = new ArrayDeque<>();
            for (int i = 0; i < inputs.size(); i++) {
                Path file = inputs.get(i);
                String base = baseNames.get(i);
                Path holder = base == null ? names.holder(file) : null;
                window.add(pool.submit(() -> assessOne(file, base, holder, folder, catalog)));
                while (window.size() >= workers * 4 || (i == inputs.size() - 1 && !window.isEmpty())) {
                    One o = take(window.poll());
                    long index = done;
                    done++;
                    progress.clear();
                    if (o.error() != null) {
                        failed++;
                        err.println(o.error().describe());
                        if (summary != null) summary.failed(o.error());
                    } else {
                        if (!options.quiet()) out.println(o.line());
                        if (jsonl != null) jsonl.line(o.record());
                        if (summary != null) summary.add(index, o.result());
                        gaps |= o.gaps();
                    }
                    progress.update(done, failed);
                }
            }
            progress.finish(done, failed);
            if (jsonl != null) {
                jsonl.finish();
                folder.wrote(outputDir.resolve(RESULTS));
                Path catalogFile = outputDir.resolve(ResultCatalog.FILE);
                AtomicFiles.Temp temp = AtomicFiles.newTemp(catalogFile);
                try (OutputStream stream = new java.io.BufferedOutputStream(temp.out(), 1 << 16)) {
                    catalog.write(stream);
                } catch (IOException | RuntimeException e) {
                    AtomicFiles.discard(temp.path());
                    throw e;
                }
                AtomicFiles.moveIntoPlace(temp.path(), catalogFile);
                folder.wrote(catalogFile);
            }
            if (summary != null) {
                summary.write(reports);
                for (String name : Summary.OUTPUTS) folder.wrote(outputDir.resolve(name));
                out.printf("%d 件を評価、%d 件は評価できませんでした → %s%n", summary.assessed(), summary.failed(), outputDir.resolve(Summary.HTML));
            }
            folder.finish();
            Trace.step("done");
            if (failed > 0) {
                err.printf("%d 件のファイルを評価できませんでした(上のエラーを参照%s)。%n", failed,
                        options.summaries() ? "。一覧は " + outputDir.resolve(Summary.ERRORS) : "");
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(inputs.size(), done - failed, failed, gaps);
    }

    private One assessOne(Path file, String base, Path holder, OutputFolder folder, ResultCatalog catalog) throws IOException {
        try {
            Facility facility = assess.read(file);
            Trace.step("read " + file.getFileName());
            if (base == null) {
                throw new InputError(file, "報告書の名前が、先に評価した " + holder + " のものと同じ(" + OutputNames.base(file)
                        + ")になります。上書きされるため評価しません。",
                        "ファイル名を変えるか、別の -o 出力先で評価してください(報告書の名前は、ファイル名の英数字・かな漢字・- と _ のほかを _ にしたものです)。");
            }
            Assessment result = assess.assess(file, facility);
            Trace.step("assessed");
            // Render everything before writing anything: a failure leaves no partial set behind.
            Map<Path, String> rendered = new LinkedHashMap<>();
            Map<String, String> links = new LinkedHashMap<>(); // the reports link to each other only when both are written
            for (String format : options.perFacility()) links.put(format, OutputNames.link(base + "." + format));
            reports.render(result, options.perFacility(), links)
                    .forEach((format, text) -> rendered.put(options.outputDir().resolve(base + "." + format), text));
            for (Map.Entry<Path, String> e : rendered.entrySet()) {
                AtomicFiles.write(e.getKey(), e.getValue());
                folder.wrote(e.getKey());
            }
            Trace.step("reports written");
            String line = options.quiet() ? null : file + ": " + ShortReport.of(result).headline() // (ranks the gaps again)
                    + (rendered.isEmpty() ? "" : " → " + rendered.keySet().iterator().next());
            return new One(null, FacilityResult.of(result, base), catalog == null ? null : ResultRecord.of(result, catalog), line,
                    result.gaps() > 0);
        } catch (InputError e) {
            return new One(e, null, null, null, false);
        }
    }

    private static One take(Future<One> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
