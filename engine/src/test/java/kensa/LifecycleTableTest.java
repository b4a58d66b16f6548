package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kensa.catalog.SharedParameters;
import kensa.facts.OsProduct;
import kensa.lifecycle.Cite;
import kensa.lifecycle.Lifecycle;
import kensa.lifecycle.Product;
import kensa.lifecycle.Source;
import kensa.xml.XmlFiles;
import org.junit.jupiter.api.Test;

/** The bundled end-of-support table: a row for every product the facility file offers, each cited; every edition gets it. */
class LifecycleTableTest {
    private static List<Lifecycle> tables() throws Exception {
        XmlFiles<Lifecycle> reader = new XmlFiles<>(Lifecycle.class, Project.SCHEMA.resolve("lifecycle.xsd"));
        List<Lifecycle> tables = new ArrayList<>();
        try (Stream<Path> files = Files.list(Project.CHECKLISTS.resolve("lifecycle"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) tables.add(reader.read(file));
        }
        return tables;
    }

    @Test
    void everyProductOfTheFacilityFileHasOneRowAndNoOther() throws Exception {
        Set<String> offered = Arrays.stream(OsProduct.values()).filter(p -> p != OsProduct.OTHER).map(OsProduct::value)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> rows = new ArrayList<>();
        for (Lifecycle t : tables()) t.getProduct().forEach(p -> rows.add(p.getCode()));
        assertEquals(offered, new TreeSet<>(rows), "OsProduct in facility.xsd against the rows of checklists/lifecycle/");
        assertEquals(rows.size(), new TreeSet<>(rows).size(), "a product listed twice");
    }

    @Test
    void everyRowAndParameterCitesADeclaredSource() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Lifecycle t : tables()) {
            Set<String> sources = t.getSource().stream().map(Source::getId).collect(Collectors.toSet());
            List<Cite> cites = new ArrayList<>();
            for (Product p : t.getProduct()) {
                cites.addAll(p.getCite());
                if (p.getPaidExtensionUntil() != null && p.getPaidExtensionUntil().isBefore(p.getEndOfSupport())) {
                    problems.add(p.getCode() + ": paid extension ends before the end of support");
                }
            }
            t.getParameter().forEach(p -> cites.addAll(p.getCite()));
            cites.stream().filter(c -> !sources.contains(c.getSource())).forEach(c -> problems.add("undeclared source " + c.getSource()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyEditionGetsTheTable() {
        String name = SharedParameters.END_OF_SUPPORT + OsProduct.WINDOWS_SERVER_2012_R_2.value();
        Project.checklists().all().forEach(c -> assertTrue(c.getParameter().stream().anyMatch(p -> p.getName().equals(name)), c.getId()));
        Project.guidelines().all().forEach(g -> assertEquals(1, g.getParameter().stream().filter(p -> p.getName().equals(name)).count(), g.getId()));
    }
}
