package kensa.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kensa.lifecycle.Lifecycle;
import kensa.lifecycle.Product;
import kensa.xml.InputError;
import kensa.xml.XmlFiles;

/**
 * Data every checklist and guideline edition shares ({@code checklists/lifecycle/*.xml}: the end of support of common
 * OS lines), given to each edition as parameters when it loads, so rules read it as they read any threshold. An edition
 * that sets a parameter of the same name keeps its own value. The engine knows only that these are parameters.
 */
public final class SharedParameters {
    /** The parameter a product row becomes: this prefix and the product's code (a value of OsProduct in facility.xsd). */
    public static final String END_OF_SUPPORT = "endOfSupport.";
    /** The product's name for reports: this prefix and the product's code. */
    public static final String PRODUCT_NAME = "productName.";

    private SharedParameters() {}

    /** Read once per folder: the checklists and the guidelines both ask, and each reading builds a reader and a schema. */
    private static final Map<Path, Map<String, String>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Name to value, in file and row order; empty when there is no lifecycle folder. */
    public static Map<String, String> load(Path checklistsDir) throws InputError {
        Path key = checklistsDir.toAbsolutePath().normalize();
        Map<String, String> loaded = LOADED.get(key);
        if (loaded == null) {
            loaded = java.util.Collections.unmodifiableMap(read(key));
            LOADED.putIfAbsent(key, loaded);
        }
        return loaded;
    }

    private static Map<String, String> read(Path checklistsDir) throws InputError {
        Path dir = checklistsDir.resolve("lifecycle");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return parameters;
        XmlFiles<Lifecycle> reader = new XmlFiles<>(Lifecycle.class, checklistsDir.resolve("schema/lifecycle.xsd"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            Lifecycle table = reader.read(file);
            table.getParameter().forEach(p -> parameters.put(p.getName(), p.getValue()));
            for (Product product : table.getProduct()) {
                parameters.put(END_OF_SUPPORT + product.getCode(), product.getEndOfSupport().toString());
                parameters.put(PRODUCT_NAME + product.getCode(), product.getName());
            }
        }
        return parameters;
    }
}
