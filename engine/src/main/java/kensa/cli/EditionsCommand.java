package kensa.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kensa.catalog.Checklists;
import kensa.catalog.EditionDiff;
import kensa.checklist.Checklist;
import kensa.checklist.Item;
import kensa.render.Wareki;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "editions", mixinStandardHelpOptions = true, subcommands = EditionsCommand.Diff.class,
        description = "収録しているチェックリストの版と様式を一覧にします。")
final class EditionsCommand implements Callable<Integer> {
    static final Map<String, String> FILLED_BY = Map.of("hospital", "病院", "clinic", "診療所", "dental_clinic", "歯科診療所",
            "pharmacy", "薬局", Checklists.VENDOR, "事業者");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputError {
        Checklists catalog = Checklists.load(Home.locate().checklists());
        PrintWriter out = spec.commandLine().getOut();
        out.println("版\t年度\t様式\tID\t記入する者\t発出\t期限\t項目数");
        for (Checklist c : catalog.all()) {
            long items = c.getSection().stream().filter(s -> s.getOnForm()).mapToLong(s -> s.getItem().size()).sum();
            out.printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d%n", Checklists.code(c), Wareki.fiscalYear(java.time.LocalDate.of(c.getFiscalYear(), 4, 1)),
                    c.getForm(), c.getId(), c.getAppliesTo().stream().map(t -> FILLED_BY.getOrDefault(t, t)).collect(Collectors.joining("・")),
                    Wareki.date(c.getIssued()), Wareki.date(c.getDeadline()), items);
        }
        out.println();
        out.println("版どうしの違い: kensa editions diff R6 R7");
        return 0;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "二つの版の違い(追加・変更・番号変更・削除された項目)を様式ごとに示します。")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FROM", description = "比べる元の版(例: R6)")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "比べる先の版(例: R7)")
        String to;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws InputError {
            Checklists catalog = Checklists.load(Home.locate().checklists());
            int fromYear = year(from);
            int toYear = year(to);
            PrintWriter out = spec.commandLine().getOut();
            int pairs = 0;
            for (Checklist after : catalog.all()) {
                if (after.getFiscalYear() != toYear) continue;
                for (Checklist before : catalog.all()) {
                    if (before.getFiscalYear() != fromYear
                            || before.getAppliesTo().stream().noneMatch(after.getAppliesTo()::contains)) continue;
                    if (pairs++ > 0) out.println();
                    print(out, EditionDiff.of(before, after));
                }
            }
            if (pairs == 0) {
                throw new ParameterException(spec.commandLine(), from + " と " + to + " の両方にある様式がありません。kensa editions で収録されている版を確認してください。");
            }
            return 0;
        }

        private int year(String edition) {
            return Checklists.fiscalYearOf(edition).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "版がわかりません: " + edition + "(例: R6、R7、令和7年度版、2025)"));
        }

        private static void print(PrintWriter out, EditionDiff d) {
            out.printf("%s %s → %s %s%n", d.before().getEdition(), d.before().getForm(), d.after().getEdition(), d.after().getForm());
            section(out, "追加", d.added().stream().map(i -> i.getNumber() + " " + i.getText()).toList());
            section(out, "変更", d.changed().stream().map(c -> numbers(c) + " " + c.after().getText() + details(c)).toList());
            section(out, "番号のみ変更", d.renumbered().stream().map(c -> numbers(c) + " " + c.after().getText()).toList());
            section(out, "削除", d.removed().stream().map(i -> i.getNumber() + " " + i.getText()).toList());
        }

        private static String numbers(EditionDiff.Change c) {
            return c.before().getNumber().equals(c.after().getNumber()) ? c.after().getNumber()
                    : c.before().getNumber() + " → " + c.after().getNumber();
        }

        private static String details(EditionDiff.Change c) {
            StringBuilder why = new StringBuilder();
            Item was = c.before();
            Item now = c.after();
            if (!was.getText().equals(now.getText())) why.append("\n      旧: ").append(was.getText());
            if (!EditionDiff.scopes(was).equals(EditionDiff.scopes(now))) why.append("\n      欄: 変更あり");
            if (now.getChangeNote() != null) why.append("\n      ").append(now.getChangeNote());
            return why.toString();
        }

        private static void section(PrintWriter out, String title, List<String> lines) {
            out.printf("  %s(%d 件)%n", title, lines.size());
            for (String line : lines) out.println("    " + line);
        }
    }
}
