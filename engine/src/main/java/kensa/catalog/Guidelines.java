package kensa.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kensa.guideline.Guideline;
import kensa.guideline.Parameter;
import kensa.guideline.Removed;
import kensa.guideline.Requirement;
import kensa.guideline.Source;
import kensa.guideline.Volume;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/**
 * The guideline editions found in {@code checklists/guidelines/*.xml}, each made whole (an edition based on an
 * earlier one is that one revised), and which one applies on a date.
 */
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
        Map<Guideline, Path> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".xml") && !p.toString().endsWith(".scenarios.xml"))
                    .sorted().toList()) {
                files.put(reader.read(file), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Guideline> editions = new ArrayList<>(files.keySet());
        editions.sort(Comparator.comparing(Guideline::getInForceFrom).thenComparing(Guideline::getId));
        // Earlier editions first, so the edition a revision is based on is already whole.
        Map<String, Guideline> whole = new LinkedHashMap<>();
        for (Guideline g : editions) {
            if (g.getBasedOn() == null) {
                whole.put(g.getId(), g);
                continue;
            }
            Guideline base = whole.get(g.getBasedOn());
            if (base == null) {
                throw new InputError(files.get(g), "basedOn の版 " + g.getBasedOn() + " が、この版より前に適用が始まる版として見つかりません。",
                        "checklists/guidelines/ にある版の id(" + String.join("、", whole.keySet()) + ")を書いてください。");
            }
            whole.put(g.getId(), revise(base, g));
        }
        // After the revisions are applied, so a revision does not get the shared rows twice.
        Map<String, String> shared = SharedParameters.load(checklistsDir);
        for (Guideline g : whole.values()) {
            Set<String> own = new HashSet<>(g.getParameter().stream().map(Parameter::getName).toList());
            shared.forEach((name, value) -> {
                if (own.contains(name)) return;
                Parameter p = new Parameter();
                p.setName(name);
                p.setValue(value);
                g.getParameter().add(p);
            });
        }
        return new Guidelines(List.copyOf(whole.values()));
    }

    /**
     * The base edition with a revision applied: the revision's sources, parameters, volumes and requirements replace
     * the base's of the same name or key in place, its removals drop them, and what is new follows.
     */
    static Guideline revise(Guideline base, Guideline revision) {
        Set<String> removedKeys = revision.getRemoved().stream().map(Removed::getKey).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> removedParameters = revision.getRemoved().stream().map(Removed::getParameter).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Guideline g = new Guideline();
        g.setId(revision.getId());
        g.setTitle(revision.getTitle());
        g.setEdition(revision.getEdition());
        g.setPublished(revision.getPublished());
        g.setInForceFrom(revision.getInForceFrom());
        g.setBasedOn(revision.getBasedOn());
        // The revision's own sources first: they are what is new about it.
        g.getSource().addAll(merge(revision.getSource(), base.getSource(), Source::getId, Set.of()));
        g.getNote().addAll(revision.getNote());
        g.getParameter().addAll(merge(base.getParameter(), revision.getParameter(), Parameter::getName, removedParameters));
        g.getRemoved().addAll(revision.getRemoved());
        Map<String, Volume> revised = revision.getVolume().stream().collect(Collectors.toMap(Volume::getKey, v -> v));
        for (Volume b : base.getVolume()) {
            Volume r = revised.remove(b.getKey());
            Volume v = new Volume();
            v.setKey(b.getKey());
            v.setTitle(r != null ? r.getTitle() : b.getTitle());
            v.setAppliesWhen(r != null && r.getAppliesWhen() != null ? r.getAppliesWhen() : b.getAppliesWhen());
            v.setDeemedWhen(r != null && r.getDeemedWhen() != null ? r.getDeemedWhen() : b.getDeemedWhen());
            v.setDeemedThrough(r != null && r.getDeemedThrough() != null ? r.getDeemedThrough() : b.getDeemedThrough());
            v.getRequirement().addAll(merge(b.getRequirement(), r == null ? List.of() : r.getRequirement(), Requirement::getKey, removedKeys));
            g.getVolume().add(v);
        }
        revision.getVolume().stream().filter(v -> revised.containsKey(v.getKey())).forEach(g.getVolume()::add);
        return g;
    }

    /** The base's entries in order, each replaced by the revision's of the same key or dropped if removed, then the revision's new ones. */
    private static <T> List<T> merge(List<T> base, List<T> revision, Function<T, String> key, Set<String> removed) {
        Map<String, T> byKey = new LinkedHashMap<>();
        revision.forEach(t -> byKey.put(key.apply(t), t));
        List<T> merged = new ArrayList<>();
        for (T t : base) {
            if (removed.contains(key.apply(t))) continue;
            T replacement = byKey.remove(key.apply(t));
            merged.add(replacement != null ? replacement : t);
        }
        merged.addAll(byKey.values());
        return merged;
    }

    /** Every edition, oldest first. */
    public List<Guideline> all() { return all; }

    public Optional<Guideline> byId(String id) {
        return all.stream().filter(g -> g.getId().equals(id)).findFirst();
    }

    /** The edition a user names: its number as printed inside 第…版, its full name, or its id. */
    public Optional<Guideline> byName(String name) {
        String n = name.trim();
        return all.stream().filter(g -> g.getId().equals(n) || g.getEdition().equals(n) || g.getEdition().equals("第" + n + "版"))
                .findFirst();
    }

    /** The short name users type: the edition's name without 第 and 版. */
    public static String shortName(Guideline g) {
        return g.getEdition().replaceAll("^第(.*)版$", "$1");
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
