package kensa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.rulebase.Status;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.rulebase.RuleBase;
import kensa.rulebase.RuleCompileError;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "一つの施設を二つのガイドラインの版で評価し、要件ごとの判定を並べて示します(TSV)。"
                + "新しい版で何が変わるかが分かります。")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "施設ファイル(XML)")
    Path file;

    @Option(names = "--guidelines", split = ",", paramLabel = "A,B",
            description = "比べる二つの版(例: 6.0,7.0)。省略時は収録している最後の二つ")
    List<String> editions;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "評価日。省略時は施設ファイルの assessmentDate")
    LocalDate asOf;

    @Option(names = "--all", description = "判定が同じ要件も示す(既定は違う要件だけ)")
    boolean all;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputError, RuleCompileError {
        Home home = Home.locate();
        Kensa.checkAsOf(spec, asOf);
        Facility facility;
        try {
            facility = new FacilityFiles(home.facilitySchema()).read(file, asOf);
        } catch (InputError e) { // the user's file, not our data: exit 2, like assess
            spec.commandLine().getErr().println(e.describe());
            return Kensa.INVALID_INPUT;
        }
        LocalDate date = asOf != null ? asOf : facility.getAssessmentDate();
        if (date == null) {
            throw new InputError(file, "評価日がありません。", "施設ファイルに assessmentDate を書くか、--as-of を指定してください。");
        }
        Checklists checklists = Checklists.load(home.checklists());
        Guidelines guidelines = Guidelines.load(home.checklists());
        List<Guidelines.Selection> pair = pair(guidelines);
        var selection = checklists.inForce(facility.getFacilityType().value(), date).orElseThrow(() -> new InputError(file,
                "施設の種類 " + facility.getFacilityType().value() + " に対応するチェックリストがありません。", "kensa editions で確認してください。"));
        Assessor assessor = new Assessor(RuleBase.load(home.rules(), List.of()), checklists, guidelines);
        Assessment before = assessor.assess(facility, file, selection, pair.get(0), date);
        Assessment after = assessor.assess(facility, file, selection, pair.get(1), date);

        Map<String, String[]> rows = new LinkedHashMap<>();
        collect(rows, after, 1);
        collect(rows, before, 0);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("編\t番号\t要件\t%s\t%s%n", before.guideline().edition(), after.guideline().edition());
        int differing = 0;
        for (String[] row : rows.values()) {
            boolean differs = !row[3].equals(row[4]);
            if (differs) differing++;
            if (differs || all) out.println(String.join("\t", row));
        }
        out.printf("%n%s と %s で判定が違う要件: %d 件(— はその版にない要件、質問は回答から判定しない要件)%n",
                before.guideline().edition(), after.guideline().edition(), differing);
        return 0;
    }

    /** Column index 3 + which: this edition's verdict of each requirement, keyed across editions by requirement key. */
    private static void collect(Map<String, String[]> rows, Assessment a, int which) {
        for (Assessment.Volume v : a.guideline().volumes()) {
            for (Assessment.Requirement r : v.requirements()) {
                String[] row = rows.computeIfAbsent(r.key(), k -> new String[] {v.title(), r.number(), r.text(), "—", "—"});
                row[3 + which] = r.status() == null ? "質問" : kensa.render.Labels.STATUSES.get(r.status());
            }
        }
    }

    private List<Guidelines.Selection> pair(Guidelines guidelines) {
        List<String> names = editions != null ? editions
                : guidelines.all().stream().skip(Math.max(0, guidelines.all().size() - 2)).map(Guidelines::shortName).toList();
        if (names.size() != 2) throw new ParameterException(spec.commandLine(), "--guidelines には版を二つ指定してください(例: 6.0,7.0)");
        List<Guidelines.Selection> pair = new ArrayList<>();
        for (String name : names) {
            pair.add(guidelines.byName(name).map(g -> new Guidelines.Selection(g, Guidelines.REQUESTED))
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "ガイドラインの版がわかりません: " + name)));
        }
        return pair;
    }
}
