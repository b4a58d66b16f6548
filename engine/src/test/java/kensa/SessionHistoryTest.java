package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.rulebase.Finding;
import kensa.facts.Facility;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output, whatever a rule session ran before: each facility is assessed on this thread's session,
 * reused facility after facility, and on a new thread's brand-new session, and the findings must be the same. (Drools
 * once left a rule silent in a new session only, where a pattern on a derived fact came before a parameter.)
 */
class SessionHistoryTest {
    @TempDir Path dir;

    @Test
    void aNewSessionFindsWhatAReusedOneFinds() throws Exception {
        assertEquals(0, CliTest.kensa("generate", "--count", "120", "--seed", "7", "-o", dir.toString()).exit());
        Assessor assessor = Project.assessor();
        XmlFiles<Facility> reader = new XmlFiles<>(Facility.class, Project.SCHEMA.resolve("facility.xsd"));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<String> differences = new ArrayList<>();
        for (Path file : files) {
            Facility facility = reader.read(file);
            Plan plan = Project.plan(file, facility);
            List<Finding> reused = assessor.assess(facility, file, plan).findings();
            AtomicReference<Object> fresh = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    fresh.set(assessor.assess(facility, file, plan).findings());
                } catch (Exception | AssertionError e) {
                    fresh.set(e);
                }
            });
            thread.start();
            thread.join();
            if (fresh.get() instanceof Throwable t) throw new AssertionError(file.getFileName() + " on a new session", t);
            if (!reused.equals(fresh.get())) {
                List<Finding> onlyFresh = new ArrayList<>(castFindings(fresh.get()));
                onlyFresh.removeAll(reused);
                List<Finding> onlyReused = new ArrayList<>(reused);
                onlyReused.removeAll(castFindings(fresh.get()));
                differences.add(file.getFileName() + ": only on a new session " + onlyFresh + "; only on a reused one " + onlyReused);
            }
        }
        assertEquals(List.of(), differences);
    }

    @SuppressWarnings("unchecked")
    private static List<Finding> castFindings(Object findings) {
        return (List<Finding>) findings;
    }
}
