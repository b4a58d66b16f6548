package kensa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import kensa.batch.Inputs;
import kensa.facts.FacilityFiles;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "施設ファイルの書式だけを確認します(評価はしません)。")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|GLOB", description = "施設ファイル(XML)、フォルダ、またはパターン")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "問題のないファイルの行を表示しない")
    boolean quiet;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "評価日(assess と同じ)。実施した日がこの日より後なら誤りです。省略時は施設ファイルの assessmentDate(確認日)")
    LocalDate asOf;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Kensa.checkAsOf(spec, asOf);
        FacilityFiles reader = new FacilityFiles(Home.locate().facilitySchema());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Read in parallel, report in input order.
        List<String> problems = Inputs.expand(files).parallelStream().map(file -> {
            try {
                reader.read(file, asOf);
                return quiet ? "" : "+" + file + ": OK";
            } catch (InputError e) {
                return "-" + e.describe();
            }
        }).toList();
        int failed = 0;
        for (String p : problems) {
            if (p.isEmpty()) continue;
            if (p.startsWith("+")) out.println(p.substring(1));
            else {
                err.println(p.substring(1));
                failed++;
            }
        }
        return failed == 0 ? 0 : Kensa.INVALID_INPUT;
    }
}
