package kensa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kensa.assess.Plan;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.facts.Facility;
import kensa.facts.FacilityType;
import kensa.generate.SyntheticFacilities;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"デモとベンチマーク用に、架空の施設ファイル(合成データ)を DIR/synthetic-000001.xml から順に書き出します。",
                "施設の種類は全国の施設数のおおよその比率(病院・診療所・歯科診療所・薬局)で、回答の抜けや不備も含みます。",
                "同じ --seed からは、--count が違っても、同じ番号のファイルは同じ内容になります(ファイル i の内容は seed と i で決まります)。"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "書き出すファイルの数")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "乱数の種(既定: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "kensa-synthetic",
            description = "出力先フォルダ(既定: ${DEFAULT-VALUE})。同じ名前のファイルは上書きします")
    Path outputDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1) throw new ParameterException(spec.commandLine(), "--count には 1 以上の数を指定してください: " + count);
        if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new ParameterException(spec.commandLine(), "-o の出力先がフォルダではありません: " + outputDir);
        }
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "出力先フォルダを作れません: " + outputDir + "(" + e.getMessage() + ")");
        }

        Plan.Chooser plans;
        try {
            Path checklists = Home.locate().checklists();
            plans = new Plan.Chooser(Checklists.load(checklists), Guidelines.load(checklists));
        } catch (InputError e) {
            err.println(e.describe());
            return Kensa.INTERNAL_ERROR;
        }
        SyntheticFacilities generator = new SyntheticFacilities(seed, plans);
        Map<FacilityType, Integer> byType = new EnumMap<>(FacilityType.class);
        for (int i = 1; i <= count; i++) {
            // Build and marshal in memory first: a failure there writes nothing.
            Facility facility = generator.facility(i);
            byte[] xml = generator.xml(facility, i);
            Path file = outputDir.resolve(SyntheticFacilities.fileName(i));
            try {
                write(file, xml);
            } catch (IOException e) {
                err.printf("kensa: %s を書けません: %s%n出力先の空き容量と書き込み権限を確認してください(%d 件は書き出し済み)。%n",
                        file, e.getMessage(), i - 1);
                return Kensa.INTERNAL_ERROR;
            }
            byType.merge(facility.getFacilityType(), 1, Integer::sum);
        }
        out.printf("%d 件の合成施設ファイルを %s に書き出しました(病院 %d・診療所 %d・歯科診療所 %d・薬局 %d、seed %d)%n",
                count, outputDir, byType.getOrDefault(FacilityType.HOSPITAL, 0), byType.getOrDefault(FacilityType.CLINIC, 0),
                byType.getOrDefault(FacilityType.DENTAL_CLINIC, 0), byType.getOrDefault(FacilityType.PHARMACY, 0), seed);
        return 0;
    }

    /** Writes the whole file, or removes what was written: no partial file is left behind. */
    private static void write(Path file, byte[] content) throws IOException {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            try {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) Files.delete(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
