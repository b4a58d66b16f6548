package kensa.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "kensa", mixinStandardHelpOptions = true, versionProvider = Version.class, resourceBundle = "kensa.cli.messages",
        synopsisSubcommandLabel = "[コマンド]",
        description = "医療機関のサイバーセキュリティ対策を、厚生労働省のチェックリストに沿って評価します。",
        subcommands = {AssessCommand.class, ValidateCommand.class, CatalogCommand.class, EditionsCommand.class, RulesCommand.class, CompareCommand.class, GenerateCommand.class, ServeCommand.class},
        exitCodeListHeading = "%n終了コード:%n",
        exitCodeList = {
            "0:対応が必要な項目なし",
            "1:不適合または未回答の項目あり",
            "2:入力ファイルまたは指定に誤りあり",
            "3:内部エラー",
            "4:一部の入力ファイルを評価できなかった(ほかは評価済み。一覧は errors.csv)"})
public final class Kensa {
    public static final int GAPS = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;
    public static final int SOME_INPUTS_FAILED = 4;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** An --as-of date is checked like an assessmentDate in a file: a typo such as 1025 is a usage error, not a crash. */
    static void checkAsOf(CommandLine.Model.CommandSpec spec, java.time.LocalDate asOf) {
        String bad = asOf == null ? null : kensa.xml.PlausibleDates.badAssessmentDate(asOf);
        if (bad != null) throw new CommandLine.ParameterException(spec.commandLine(), "--as-of: " + bad);
    }

    public static CommandLine commandLine() {
        Locale.setDefault(Locale.JAPAN); // the XML parser's messages follow it; users read Japanese first
        CommandLine cli = new CommandLine(new Kensa());
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A broken file of our own data (a checklist) still deserves its file, line and fix.
            commandLine.getErr().println(e instanceof kensa.xml.InputError input ? input.describe() : "kensa: 内部エラー: " + e);
            return INTERNAL_ERROR;
        });
        return cli;
    }
}
