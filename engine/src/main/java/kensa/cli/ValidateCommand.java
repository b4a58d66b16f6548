package kensa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kensa.facts.Facility;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "施設ファイルの書式だけを確認します(評価はしません)。")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "施設ファイル(XML)")
    List<Path> files;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        XmlFiles<Facility> reader = new XmlFiles<>(Facility.class, Home.locate().facilitySchema());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path file : files) {
            try {
                reader.read(file);
                out.println(file + ": OK");
            } catch (InputError e) {
                err.println(e.describe());
                failed++;
            }
        }
        return failed == 0 ? 0 : Kensa.INVALID_INPUT;
    }
}
