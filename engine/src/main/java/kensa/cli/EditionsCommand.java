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
import kensa.catalog.Guidelines;
import kensa.guideline.Guideline;
import kensa.guideline.Requirement;
import kensa.rulebase.Wareki;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "editions", mixinStandardHelpOptions = true, subcommands = EditionsCommand.Diff.class, synopsisSubcommandLabel = "[コマンド]",
        description = "収録しているチェックリストの版と様式、ガイドラインの版を一覧にします。")
final class EditionsCommand implements Callable<Integer> {
    static final Map<String, String> FILLED_BY = filledBy();

    private static Map<String, String> filledBy() {
        Map<String, String> by = new java.util.HashMap<>(kensa.render.Labels.FACILITY_TYPES);
        by.put(Checklists.VENDOR, "事業者");
        return Map.copyOf(by);
    }

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputError {
        Checklists catalog = Checklists.load(Home.locate().checklists());
        PrintWriter out = spec.commandLine().getOut();
        out.println("版\t年度\t様式\tID\t記入する者\t発出\t期限\t項目数");
        for (Checklist c : catalog.all()) {
            long items = c.getSection().stream().filter(s -> s.getOnForm()).mapToLong(s -> s.getItem().size()).sum();
            out.printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n", Checklists.code(c), Wareki.fiscalYear(java.time.LocalDate.of(c.getFiscalYear(), 4, 1)),
                    c.getForm(), c.getId(), c.getAppliesTo().stream().map(t -> FILLED_BY.getOrDefault(t, t)).collect(Collectors.joining("・")),
                    Wareki.dateOrMonth(Checklists.issued(c)), c.getDeadline() == null ? "—" : Wareki.date(c.getDeadline()),
                    Checklists.hasItems(c) ? String.valueOf(items) : "項目未収録");
        }
        out.println();
        out.println("ガイドライン\t公表\t適用開始\t基にした版\t要件(自動・質問)\t出典");
        for (Guideline g : Guidelines.load(Home.locate().checklists()).all()) {
            long automated = Guidelines.requirements(g).filter(r -> !r.getRule().isEmpty()).count();
            long manual = Guidelines.requirements(g).filter(r -> r.getManual() != null).count();
            out.printf("%s\t%s\t%s\t%s\t%d・%d\t%s%n", g.getEdition(), Wareki.date(g.getPublished()), Wareki.date(g.getInForceFrom()),
                    g.getBasedOn() == null ? "—" : g.getBasedOn(), automated, manual,
                    g.getSource().stream().filter(src -> src.getUrl() != null).findFirst().map(src -> src.getUrl()).orElse(""));
        }
        out.println();
        out.println("版どうしの違い: kensa editions diff R6 R7(チェックリスト)、kensa editions diff 6.0 7.0(ガイドライン)");
        return 0;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "二つの版の違いを示します。チェックリスト(例: R6 R7)は様式ごとに追加・変更・番号変更・削除された項目を、"
                    + "ガイドライン(例: 6.0 7.0)は追加・変更・削除された要件と閾値を。")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FROM", description = "比べる元の版(例: R6、6.0)")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "比べる先の版(例: R7、7.0)")
        String to;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws InputError {
            Guidelines guidelines = Guidelines.load(Home.locate().checklists());
            if (guidelines.byName(from).isPresent() && guidelines.byName(to).isPresent()) {
                printGuidelines(spec.commandLine().getOut(), guidelines.byName(from).get(), guidelines.byName(to).get());
                return 0;
            }
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
                    if (!Checklists.hasItems(before) || !Checklists.hasItems(after)) {
                        Checklist missing = Checklists.hasItems(before) ? after : before;
                        out.printf("%s %s → %s %s: %s %s は項目未収録のため比べられません。%n", before.getEdition(), before.getForm(),
                                after.getEdition(), after.getForm(), missing.getEdition(), missing.getForm());
                        continue;
                    }
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

        /** Requirements by key: added, removed (with the reason the newer edition gives), changed; then parameters. */
        private static void printGuidelines(PrintWriter out, Guideline before, Guideline after) {
            out.printf("%s → %s%n", before.getEdition(), after.getEdition());
            Map<String, Requirement> old = requirementsByKey(before);
            Map<String, Requirement> now = requirementsByKey(after);
            Map<String, String> why = new java.util.HashMap<>();
            after.getRemoved().forEach(r -> why.put(r.getKey() != null ? r.getKey() : "parameter " + r.getParameter(), r.getValue().trim()));
            section(out, "追加", now.values().stream().filter(r -> !old.containsKey(r.getKey())).map(EditionsCommand.Diff::describe).toList());
            section(out, "変更", now.values().stream().filter(r -> old.containsKey(r.getKey()) && !same(old.get(r.getKey()), r))
                    .map(r -> describe(r) + "\n      旧: " + old.get(r.getKey()).getText()).toList());
            section(out, "削除", old.values().stream().filter(r -> !now.containsKey(r.getKey()))
                    .map(r -> describe(r) + (why.containsKey(r.getKey()) ? "\n      理由: " + why.get(r.getKey()) : "")).toList());
            Map<String, String> oldValues = parameters(before);
            Map<String, String> newValues = parameters(after);
            List<String> params = new java.util.ArrayList<>();
            newValues.forEach((name, value) -> {
                if (!value.equals(oldValues.get(name))) params.add(name + " = " + value + (oldValues.containsKey(name) ? "(旧: " + oldValues.get(name) + ")" : "(新規)"));
            });
            oldValues.keySet().stream().filter(name -> !newValues.containsKey(name)).forEach(name -> params.add(name + " 削除"
                    + (why.containsKey("parameter " + name) ? ": " + why.get("parameter " + name) : "")));
            section(out, "閾値", params);
            section(out, "条件つきの編", after.getVolume().stream().filter(v -> v.getAppliesWhen() != null || v.getDeemedWhen() != null)
                    .map(v -> v.getTitle() + (v.getAppliesWhen() != null ? ": ルール " + v.getAppliesWhen() + " を満たす施設だけが対象"
                            : ": ルール " + v.getDeemedWhen() + " を満たす施設は" + after.getVolume().stream()
                                    .filter(t -> t.getKey().equals(v.getDeemedThrough())).map(t -> t.getTitle()).findFirst()
                                    .orElse(v.getDeemedThrough()) + "の遵守でみなし遵守")).toList());
        }

        private static Map<String, Requirement> requirementsByKey(Guideline g) {
            Map<String, Requirement> byKey = new java.util.LinkedHashMap<>();
            Guidelines.requirements(g).forEach(r -> byKey.put(r.getKey(), r));
            return byKey;
        }

        private static Map<String, String> parameters(Guideline g) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            g.getParameter().forEach(p -> values.put(p.getName(), p.getValue()));
            return values;
        }

        private static boolean same(Requirement a, Requirement b) {
            return a.getText().equals(b.getText()) && a.getRule().equals(b.getRule())
                    && java.util.Objects.equals(a.getManual(), b.getManual()) && a.getNumber().equals(b.getNumber());
        }

        private static String describe(Requirement r) {
            return r.getNumber() + " " + r.getText() + (r.getRule().isEmpty() ? "" : "(" + String.join("、", r.getRule()) + ")");
        }

        private static void section(PrintWriter out, String title, List<String> lines) {
            out.printf("  %s(%d 件)%n", title, lines.size());
            for (String line : lines) out.println("    " + line);
        }
    }
}
