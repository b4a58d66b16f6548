package kensa.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import kensa.batch.Batch;
import kensa.batch.Inputs;
import kensa.batch.Trace;
import kensa.batch.OutputFolder;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.catalog.Selection;
import kensa.checklist.Checklist;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.render.Reports;
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
                    + "jsonl(一括評価の記録: 全施設の判定を1行ずつ results.jsonl に、文言は catalog.json に)(既定: ${DEFAULT-VALUE})")
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
        Trace.step("options parsed");
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
        Trace.step("checklists and guidelines loaded");
        Plan.Chooser plans;
        try {
            plans = new Plan.Chooser(checklists, guidelines, new Plan.Request(asOf, edition, checklistId, guideline));
        } catch (Plan.BadRequest e) { // before any work
            throw new ParameterException(spec.commandLine(), "--" + e.field() + ": " + e.getMessage());
        }
        Reports reports = new Reports(home.reports()).withChecklists(checklists);
        List<Path> inputs = Inputs.expand(files);
        Assessor assessor = new Assessor(rules.get(), checklists);
        Trace.step("rules ready");
        if (inputs.size() == 1) reports.prepareInBackground(formats); // (a batch's threads are all busy)
        Batch.Assess assess = new Batch.Assess() {
            @Override
            public Facility read(Path file) throws InputError {
                return reader.read(file, asOf);
            }

            @Override
            public Assessment assess(Path file, Facility facility) throws InputError {
                return assessor.assess(facility, file, plans.choose(file, facility));
            }
        };
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Batch.Outcome outcome;
        try {
            outcome = new Batch(new Batch.Options(outputDir, formats, Inputs.isBatch(files), workers, quiet), assess, reports,
                    checklists, guidelines).run(inputs, out, err);
        } catch (OutputFolder.Refused e) {
            err.println(e.describe());
            return Kensa.INVALID_INPUT;
        }
        if (outcome.failed() > 0) return outcome.failed() == outcome.total() ? Kensa.INVALID_INPUT : Kensa.SOME_INPUTS_FAILED;
        return outcome.gaps() ? Kensa.GAPS : 0;
    }
}
