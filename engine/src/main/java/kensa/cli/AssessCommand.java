package kensa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kensa.batch.FacilityResult;
import kensa.batch.Inputs;
import kensa.batch.OutputFolder;
import kensa.batch.OutputNames;
import kensa.batch.Progress;
import kensa.batch.Summary;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.render.AtomicFiles;
import kensa.render.Reports;
import kensa.render.ShortReport;
import kensa.rulebase.RuleBase;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "施設ファイルを評価し、報告書(HTML・Markdown・JSON)と記入済みのチェックリスト様式(HTML・CSV)を書き出します。")
final class AssessCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|GLOB",
            description = "施設ファイル(XML)、フォルダ(中の *.xml すべて)、またはパターン(例: \"data/*.xml\")。複数指定できます。"
                    + "二つ以上を評価すると、出力先に summary.html・summary.csv・errors.csv も書きます。")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "kensa-out",
            description = "報告書の出力先フォルダ(既定: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "html,detail.html,md,detail.md,json,form.html,form.csv",
            description = "出力形式をカンマ区切りで: html(報告書: すること・確かめること)、detail.html(詳しい報告書: 全項目の判定と根拠)、"
                    + "md・detail.md(その Markdown 版)、json、form.html(記入済みの様式)、form.csv、vendor.html(事業者への確認のお願い)、"
                    + "jsonl(全施設の JSON を1行ずつ results.jsonl に)(既定: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "評価日。省略時は施設ファイルの assessmentDate(確認日)")
    LocalDate asOf;

    @Option(names = "--edition", paramLabel = "EDITION",
            description = "使うチェックリストの版(例: R6、R7)。様式は施設の種類で決まります。省略時は評価日の年度の版")
    String edition;

    @Option(names = "--checklist", paramLabel = "ID",
            description = "使う様式のID(例: r6-medical)。--edition より優先")
    String checklistId;

    @Option(names = "--guideline", paramLabel = "EDITION",
            description = "使うガイドラインの版(例: 6.0、7.0)。省略時は評価日に有効な版")
    String guideline;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "追加のルール(DIR の下の *.drl)。同梱のルールと一緒に実行時にコンパイルします(起動に数秒)。"
                    + "結果は JSON にルールIDごとに出ます。チェックリストや要件でそのIDを指定すれば判定にも使われます。複数指定できます。")
    List<Path> extraRules = List.of();

    @Spec CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "並行して評価する数(既定: CPU のコア数)")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "施設ごとの行と進み具合を表示しない")
    boolean quiet;

    /** One input's outcome: its results, or why it could not be assessed. */
    private record Outcome(Path file, InputError error, FacilityResult result, byte[] jsonLine, String line, boolean gaps) {}

    @Override
    public Integer call() throws Exception {
        for (String f : formats) {
            if (!Reports.FORMATS.contains(f) && !f.equals(Reports.JSONL)) {
                throw new ParameterException(spec.commandLine(), "--format に使えない形式です: " + f + "(使える形式: "
                        + String.join(", ", Reports.FORMATS) + ", " + Reports.JSONL + ")");
            }
        }
        Kensa.checkAsOf(spec, asOf);
        for (Path dir : extraRules) {
            if (!Files.isDirectory(dir)) throw new ParameterException(spec.commandLine(), "--rules のフォルダがありません: " + dir);
        }
        Home home = Home.locate();
        RuleBase.Pending rules = RuleBase.loadInBackground(home.rules(), extraRules); // meanwhile, read the catalogs
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FacilityFiles reader = new FacilityFiles(home.facilitySchema());
        Checklists checklists;
        Guidelines guidelines;
        try {
            checklists = Checklists.load(home.checklists());
            guidelines = Guidelines.load(home.checklists());
        } catch (InputError e) {
            err.println(e.describe());
            return Kensa.INTERNAL_ERROR;
        }
        Plan.Chooser plans;
        try {
            plans = new Plan.Chooser(checklists, guidelines, new Plan.Request(asOf, edition, checklistId, guideline));
        } catch (Plan.BadRequest e) { // before any work
            throw new ParameterException(spec.commandLine(), "--" + e.field() + ": " + e.getMessage());
        }
        Assessor assessor = new Assessor(rules.get(), checklists);
        Reports reports = new Reports(home.reports()).withChecklists(checklists);
        List<String> perFacility = formats.stream().filter(f -> !f.equals(Reports.JSONL)).toList();

        List<Path> inputs = Inputs.expand(files);
        boolean batch = Inputs.isBatch(files);
        // Two files whose outputs would have one name would overwrite each other's reports: the later ones are refused, in input order.
        OutputNames names = new OutputNames();
        List<String> baseNames = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (Path file : inputs) {
            String base = names.claim(file);
            baseNames.add(base);
            if (base != null) perFacility.forEach(f -> planned.add(base + "." + f));
        }
        if (batch) planned.addAll(Summary.OUTPUTS);
        if (formats.contains(Reports.JSONL)) planned.add(RESULTS);
        OutputFolder folder;
        try {
            folder = OutputFolder.open(outputDir);
            folder.plan(planned);
        } catch (OutputFolder.Refused e) {
            err.println(e.describe());
            return Kensa.INVALID_INPUT;
        }
        try (folder) {
            return run(inputs, batch, baseNames, names, folder, reader, assessor, plans, reports, perFacility, out, err);
        }
    }

    private static final String RESULTS = "results.jsonl";

    private Integer run(List<Path> inputs, boolean batch, List<String> baseNames, OutputNames names, OutputFolder folder,
                        FacilityFiles reader, Assessor assessor, Plan.Chooser plans, Reports reports, List<String> perFacility,
                        PrintWriter out, PrintWriter err) throws Exception {

        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "kensa-assess");
            t.setDaemon(true);
            return t;
        });
        String link = perFacility.contains("html") ? "html" : perFacility.contains("json") ? "json" : null;
        Progress progress = new Progress(err, inputs.size(), System.console() != null, quiet || !batch);
        boolean gaps = false;
        try (Summary summary = batch ? new Summary(outputDir, link) : null;
             Summary.StreamedFile jsonl = formats.contains(Reports.JSONL) ? new Summary.StreamedFile(outputDir.resolve(RESULTS), null) : null) {
            // Outcomes are taken in input order, so every output is the same whatever the threads' timing.
            Deque<Future<Outcome>> window = new ArrayDeque<>();
            int done = 0;
            int failed = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Path file = inputs.get(i);
                String base = baseNames.get(i);
                Path holder = base == null ? names.holder(file) : null;
                window.add(pool.submit(() -> assessOne(file, base, holder, folder, reader, assessor, plans, reports, perFacility, jsonl != null)));
                while (window.size() >= workers * 4 || (i == inputs.size() - 1 && !window.isEmpty())) {
                    Outcome o = take(window.poll());
                    long index = done;
                    done++;
                    progress.clear();
                    if (o.error() != null) {
                        failed++;
                        err.println(o.error().describe());
                        if (summary != null) summary.failed(o.error());
                    } else {
                        if (!quiet) out.println(o.line());
                        if (jsonl != null) jsonl.line(o.jsonLine());
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
            }
            if (summary != null) {
                summary.write(reports);
                for (String name : Summary.OUTPUTS) folder.wrote(outputDir.resolve(name));
                out.printf("%d 件を評価、%d 件は評価できませんでした → %s%n", summary.assessed(), summary.failed(), outputDir.resolve("summary.html"));
            }
            folder.finish();
            if (failed > 0) {
                err.printf("%d 件のファイルを評価できませんでした(上のエラーを参照%s)。%n", failed, batch ? "。一覧は " + outputDir.resolve(Summary.ERRORS) : "");
                return failed == inputs.size() ? Kensa.INVALID_INPUT : Kensa.SOME_INPUTS_FAILED;
            }
        } finally {
            pool.shutdownNow();
        }
        return gaps ? Kensa.GAPS : 0;
    }

    private Outcome assessOne(Path file, String base, Path holder, OutputFolder folder, FacilityFiles reader, Assessor assessor,
                              Plan.Chooser plans, Reports reports, List<String> perFacility, boolean jsonl) throws IOException {
        try {
            Facility facility = reader.read(file, asOf);
            if (base == null) {
                throw new InputError(file, "報告書の名前が、先に評価した " + holder + " のものと同じ(" + OutputNames.base(file)
                        + ")になります。上書きされるため評価しません。",
                        "ファイル名を変えるか、別の -o 出力先で評価してください(報告書の名前は、ファイル名の英数字・かな漢字・- と _ のほかを _ にしたものです)。");
            }
            Assessment result = assessor.assess(facility, file, plans.choose(file, facility));
            // Render everything before writing anything: a failure leaves no partial set behind.
            Map<Path, String> rendered = new LinkedHashMap<>();
            Map<String, String> links = new LinkedHashMap<>(); // the reports link to each other only when both are written
            for (String format : perFacility) links.put(format, OutputNames.link(base + "." + format));
            reports.render(result, perFacility, links).forEach((format, text) -> rendered.put(outputDir.resolve(base + "." + format), text));
            for (Map.Entry<Path, String> e : rendered.entrySet()) {
                AtomicFiles.write(e.getKey(), e.getValue());
                folder.wrote(e.getKey());
            }
            String line = file + ": " + ShortReport.of(result).headline()
                    + (rendered.isEmpty() ? "" : " → " + rendered.keySet().iterator().next());
            return new Outcome(file, null, FacilityResult.of(result, base), jsonl ? Reports.jsonLine(result) : null, line, result.gaps() > 0);
        } catch (InputError e) {
            return new Outcome(file, e, null, null, null, false);
        }
    }

    private static Outcome take(Future<Outcome> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
