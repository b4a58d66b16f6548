package kensa.rulebase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * Build step (Maven, process-classes): compiles the DRL in rules/ to the Drools executable model and writes its
 * classes into the classes folder, with {@value RuleBase#PRECOMPILED} naming the models and the hash of the DRL they
 * were compiled from. At run time {@link RuleBase#load} uses them only while rules/ still has exactly that DRL.
 * Needs drools-model-codegen, which is on the build's classpath only.
 *
 * <p>Usage: {@code PrecompileRules RULES_DIR CLASSES_DIR}
 */
public final class PrecompileRules {
    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args[0]).toAbsolutePath();
        Path classes = Path.of(args[1]).toAbsolutePath();
        long start = System.nanoTime();
        Path index = classes.resolve(RuleBase.PRECOMPILED);
        removePrevious(classes, index);

        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        RuleBase.write(kie, files, rules, false);
        KieBuilder builder = kie.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            System.err.println("kensa: rules/ のルールをコンパイルできません(実行可能モデル):\n" + new RuleCompileError(errors).getMessage());
            System.exit(1);
        }
        byte[] kjar = ((InternalKieModule) builder.getKieModule()).getBytes();

        List<String> models = new ArrayList<>();
        List<String> written = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.endsWith("/drools-model")) {
                    for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank() && !line.startsWith("Drools-Model-Version")) models.add(line.strip());
                    }
                } else if (name.endsWith(".class") && !name.startsWith("org/drools/project/")) {
                    // The rules' model and lambdas; the kjar's project class is only for KieContainers, not used here.
                    Path out = classes.resolve(name);
                    Files.createDirectories(out.getParent());
                    Files.write(out, zip.readAllBytes());
                    written.add(name);
                }
            }
        }
        if (models.isEmpty()) throw new IllegalStateException("the executable model names no rule package");

        List<String> lines = new ArrayList<>();
        lines.add("# The rules in rules/ compiled at build time (Drools executable model). Written by " + PrecompileRules.class.getName() + ".");
        lines.add(RuleBase.HASH_KEY + RuleBase.drlHash(rules));
        models.stream().sorted().forEach(m -> lines.add(RuleBase.MODEL_KEY + m));
        written.stream().sorted().forEach(c -> lines.add(RuleBase.CLASS_KEY + c));
        Files.createDirectories(index.getParent());
        Files.write(index, lines, StandardCharsets.UTF_8);
        System.out.printf("kensa: ルールのファイル %d 個をコンパイルしました(パッケージ %d、クラス %d、%.1f 秒)%n",
                RuleBase.drlFiles(rules).size(), models.size(), written.size(), (System.nanoTime() - start) / 1e9);
    }

    /** Classes of an earlier run: a deleted DRL file must not leave its rules' classes behind in the jar. */
    private static void removePrevious(Path classes, Path index) throws IOException {
        if (!Files.exists(index)) return;
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (line.startsWith(RuleBase.CLASS_KEY)) Files.deleteIfExists(classes.resolve(line.substring(RuleBase.CLASS_KEY.length())));
        }
        Files.delete(index);
    }

    private PrecompileRules() {}
}
