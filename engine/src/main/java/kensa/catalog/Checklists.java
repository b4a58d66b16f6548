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
import kensa.checklist.Checklist;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/** The checklist editions and forms found in {@code checklists/*.xml}. */
public final class Checklists {
    private final List<Checklist> all;

    private Checklists(List<Checklist> all) {
        this.all = all;
    }

    public static Checklists load(Path dir) throws InputError {
        XmlFiles<Checklist> reader = new XmlFiles<>(Checklist.class, dir.resolve("schema/checklist.xsd"));
        List<Checklist> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                found.add(reader.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Checklists(List.copyOf(found));
    }

    public List<Checklist> all() { return all; }

    public Optional<Checklist> byId(String id) {
        return all.stream().filter(c -> c.getId().equals(id)).findFirst();
    }

    /** The form this facility type fills, in the latest edition issued on or before the date. */
    public Optional<Checklist> inForce(String facilityType, LocalDate date) {
        List<Checklist> forms = all.stream().filter(c -> c.getAppliesTo().contains(facilityType)).toList();
        return forms.stream().filter(c -> !c.getIssued().isAfter(date)).max(Comparator.comparing(Checklist::getIssued))
                .or(() -> forms.stream().min(Comparator.comparing(Checklist::getIssued)));
    }
}
