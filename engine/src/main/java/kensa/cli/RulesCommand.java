package kensa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.checklist.Checklist;
import kensa.guideline.Cite;
import kensa.guideline.Guideline;
import kensa.guideline.Requirement;
import kensa.guideline.Volume;
import kensa.rulebase.RuleBase;
import kensa.rulebase.RuleCompileError;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "ルールの一覧(重要度と、使っているチェックリスト項目・ガイドラインの要件)を示します。"
                + " --coverage でガイドラインの要件ごとに、ルールで自動判定するか、確認の質問で扱うかを示します。")
final class RulesCommand implements Callable<Integer> {
    @Option(names = "--coverage", description = "ガイドラインの要件ごとの判定方法(自動・質問・背景)と、その集計")
    boolean coverage;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputError, RuleCompileError {
        Home home = Home.locate();
        Guidelines guidelines = Guidelines.load(home.checklists());
        PrintWriter out = spec.commandLine().getOut();
        if (coverage) {
            for (Guideline g : guidelines.all()) printCoverage(out, g);
            return 0;
        }
        Checklists checklists = Checklists.load(home.checklists());
        Map<String, List<String>> usedBy = new TreeMap<>();
        for (Checklist c : checklists.all()) {
            c.getSection().forEach(s -> s.getItem().forEach(i -> i.getCell().forEach(cell -> cell.getRule().forEach(
                    r -> addOnce(usedBy, r, Checklists.code(c) + " " + c.getForm() + " " + i.getNumber())))));
            if (c.getGate() != null) addOnce(usedBy, c.getGate().getRule(), Checklists.code(c) + " " + c.getForm() + " " + c.getGate().getNumber());
        }
        for (Guideline g : guidelines.all()) {
            for (Volume v : g.getVolume()) {
                for (Requirement r : v.getRequirement()) r.getRule().forEach(id -> addOnce(usedBy, id, g.getEdition() + " " + v.getTitle() + " " + r.getNumber()));
            }
        }
        out.println("ルール\t分野\t重要度\t使われている項目");
        RuleBase.load(home.rules(), List.of()).info().forEach((id, info) -> out.printf("%s\t%s\t%s\t%s%n", id, info.topic(),
                info.severity() == null ? "" : info.severity().code(), String.join("、", usedBy.getOrDefault(id, List.of()))));
        return 0;
    }

    private static void addOnce(Map<String, List<String>> map, String key, String value) {
        List<String> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(value)) list.add(value);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /** One line per requirement, then the totals and the automated share. */
    private static void printCoverage(PrintWriter out, Guideline g) {
        out.println(g.getTitle() + " " + g.getEdition());
        out.println("編\t番号\tキー\t要件\t確度\t強さ\t判定\tルールまたは質問");
        int automated = 0, manual = 0, background = 0;
        for (Volume v : g.getVolume()) {
            for (Requirement r : v.getRequirement()) {
                String how;
                String what;
                if (!r.getRule().isEmpty()) {
                    automated++;
                    how = "自動";
                    what = String.join(" ", r.getRule());
                } else if (r.getManual() != null) {
                    manual++;
                    how = "質問";
                    what = r.getManual();
                } else {
                    background++;
                    how = "背景";
                    what = r.getBackground();
                }
                String confidence = r.getCite().stream().map(Cite::getConfidence).map(Enum::name).distinct()
                        .collect(Collectors.joining("/"));
                String strength = r.getStrength() == kensa.guideline.Strength.RECOMMENDED ? "推奨" : "必須";
                out.printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", v.getTitle(), r.getNumber(), r.getKey(), oneLine(r.getText()), confidence,
                        strength, how, oneLine(what));
            }
        }
        int requirements = automated + manual;
        out.printf("%n要件 %d 件(背景 %d 件を除く): 自動判定 %d 件(%.0f%%)、確認の質問 %d 件%n%n", requirements, background, automated,
                requirements == 0 ? 0.0 : 100.0 * automated / requirements, manual);
    }
}
