package kensa.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * A mistake on the command line, said in Japanese: what is wrong, and how to see the usage. picocli's own message (in
 * English) is replaced, because a clinic's reception PC is read by people who read Japanese first.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("kensa: " + message(e));
        err.println("使い方は「" + cli.getCommandSpec().qualifiedName(" ") + " --help」で表示します。");
        return Kensa.INVALID_INPUT;
    }

    static String message(ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException missing) {
            return "必要な指定がありません: " + missing.getMissing().stream().map(UsageErrors::name).collect(Collectors.joining("、"));
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            return "この指定は使えません: " + String.join(" ", unmatched.getUnmatched())
                    + (suggestions.isEmpty() ? "" : "(もしかして: " + String.join("、", suggestions) + ")");
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " が二度指定されています。一度だけ指定してください。";
        }
        if (e.getArgSpec() != null && e.getValue() != null) {
            return name(e.getArgSpec()) + " の値「" + e.getValue() + "」は使えません。";
        }
        return "指定に誤りがあります(" + e.getMessage() + ")。";
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec option) return option.longestName();
        if (arg instanceof PositionalParamSpec positional) return positional.paramLabel();
        return String.valueOf(arg);
    }
}
