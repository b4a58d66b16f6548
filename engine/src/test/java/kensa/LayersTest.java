package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kensa.rulebase.RuleBase;
import kensa.rulebase.RuleCompileError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules stand on the ground floor (kensa.rulebase) and the facts; every other package stands on them, never the
 * reverse. Checked by reading the imports, as a reviewer would.
 */
class LayersTest {
    private static final Path SOURCES = Project.ROOT.resolve("engine/src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A kensa class named in full in the code (e.g. {@code kensa.assess.Finding.SILENCE}), not imported. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bkensa\\.([a-z]+)\\.[A-Z]");
    /** Comments and string literals, which name packages without using them. */
    private static final Pattern CODE_ONLY = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    /**
     * What a DRL may import: the facts, the ground floor, the derived facts, Java, and Drools' own rule context (to
     * hand {@code drools} to a DRL function).
     */
    static boolean allowedInDrl(String imported) {
        return imported.startsWith("kensa.facts.") || imported.startsWith("kensa.rulebase.")
                || imported.startsWith(RuleBase.DERIVED + ".") || imported.startsWith("java.")
                || imported.equals("org.kie.api.runtime.rule.RuleContext");
    }

    @Test
    void rulesImportOnlyFactsAndTheGroundFloor() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path drl : RuleBase.drlFiles(Project.RULES)) {
            String text = Files.readString(drl);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) if (!allowedInDrl(m.group(1))) problems.add(Project.RULES.relativize(drl) + " imports " + m.group(1));
            Matcher global = Pattern.compile("^\\s*global\\s+([\\w.]+)", Pattern.MULTILINE).matcher(text);
            while (global.find()) if (!allowedInDrl(global.group(1))) problems.add(Project.RULES.relativize(drl) + " has a global " + global.group(1));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckCatchesAForbiddenImport() {
        assertTrue(allowedInDrl("kensa.facts.Device"));
        assertTrue(allowedInDrl("kensa.rulebase.Findings"));
        assertTrue(!allowedInDrl("kensa.render.Wareki"));
        assertTrue(!allowedInDrl("kensa.assess.Findings"));
    }

    /** A consultant's DRL from before the move is told where the types went, not only that they are missing. */
    @Test
    void aRuleWithTheOldPackageIsToldTheNewOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("old.drl"), """
                package consultant;
                import kensa.facts.Facility;
                global kensa.assess.Findings findings;
                rule "old_rule: every facility"
                when
                    Facility()
                then
                    findings.met(drools, null, "ok");
                end
                """);
        RuleCompileError error = assertThrows(RuleCompileError.class, () -> RuleBase.compile(List.of(dir)));
        assertTrue(error.getMessage().contains("kensa.rulebase.Findings"), error.getMessage());
    }

    @Test
    void noImportCycleBetweenPackages() {
        Map<String, Set<String>> uses = packageUses(SOURCES);
        assertTrue(uses.containsKey("rulebase") && uses.containsKey("assess"), "read the sources: " + uses.keySet());
        assertEquals(List.of(), cycles(uses));
        assertTrue(!uses.get("rulebase").contains("assess"), "the ground floor uses nothing above it");
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of("a -> b -> c -> a"), cycles(uses));
    }

    /** For each package below kensa (by its last name), the other kensa packages its classes import or name in full. */
    static Map<String, Set<String>> packageUses(Path sources) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(sources.resolve("kensa"))) {
            for (Path java : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = sources.resolve("kensa").relativize(java.getParent()).toString().replace('/', '.');
                Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = QUALIFIED.matcher(CODE_ONLY.matcher(Files.readString(java)).replaceAll(" "));
                while (m.find()) if (!m.group(1).equals(from)) to.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Each cycle once, starting from its first package in name order. */
    static List<String> cycles(Map<String, Set<String>> uses) {
        Set<String> found = new TreeSet<>();
        for (String start : new TreeSet<>(uses.keySet())) walk(uses, start, new ArrayList<>(List.of(start)), new HashSet<>(), found);
        return new ArrayList<>(found);
    }

    private static void walk(Map<String, Set<String>> uses, String at, List<String> path, Set<String> seen, Set<String> found) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(path.get(0))) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                if (cycle.stream().limit(cycle.size() - 1).allMatch(p -> p.compareTo(path.get(0)) >= 0)) found.add(String.join(" -> ", cycle));
            } else if (!path.contains(next) && seen.add(path + ">" + next)) {
                path.add(next);
                walk(uses, next, path, seen, found);
                path.remove(path.size() - 1);
            }
        }
    }
}
