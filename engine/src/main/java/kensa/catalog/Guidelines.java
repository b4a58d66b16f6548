package kensa.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kensa.guideline.Guideline;
import kensa.guideline.Requirement;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/** The guideline editions found in {@code checklists/guidelines/*.xml}, and which one applies on a date. */
public final class Guidelines {
    /** The latest edition in force on the assessment date. */
    public static final String IN_FORCE = "in_force";
    /** The date is before the first edition: the first one. */
    public static final String EARLIEST_AVAILABLE = "earliest_available";
    /** Chosen by a flag. */
    public static final String REQUESTED = "requested";

    /** A guideline edition chosen for an assessment, and why (one of the constants; reports word them). */
    public record Selection(Guideline guideline, String reason) {}

    private final List<Guideline> all;

    private Guidelines(List<Guideline> all) {
        this.all = all;
    }

    public static Guidelines load(Path checklistsDir) throws InputError {
        Path dir = checklistsDir.resolve("guidelines");
        if (!Files.isDirectory(dir)) return new Guidelines(List.of());
        XmlFiles<Guideline> reader = new XmlFiles<>(Guideline.class, checklistsDir.resolve("schema/guideline.xsd"));
        List<Guideline> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml") && !p.toString().endsWith(".scenarios.xml"))
                    .sorted().toList()) {
                found.add(reader.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(Guideline::getInForceFrom).thenComparing(Guideline::getId));
        return new Guidelines(List.copyOf(found));
    }

    /** Every edition, oldest first. */
    public List<Guideline> all() { return all; }

    public Optional<Guideline> byId(String id) {
        return all.stream().filter(g -> g.getId().equals(id)).findFirst();
    }

    /** The latest edition in force on the date; before the first edition, the first. */
    public Optional<Selection> inForce(LocalDate date) {
        Optional<Guideline> latest = all.stream().filter(g -> !g.getInForceFrom().isAfter(date)).reduce((a, b) -> b);
        if (latest.isPresent()) return Optional.of(new Selection(latest.get(), IN_FORCE));
        return all.stream().findFirst().map(g -> new Selection(g, EARLIEST_AVAILABLE));
    }

    public static Stream<Requirement> requirements(Guideline g) {
        return g.getVolume().stream().flatMap(v -> v.getRequirement().stream());
    }
}
