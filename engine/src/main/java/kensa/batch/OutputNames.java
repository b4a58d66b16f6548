package kensa.batch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one mapping from an input file's name to the base of its outputs ({@code <base>.html}, {@code <base>.form.csv}…),
 * so that no input name can make an output that is a link to run (javascript:…), a hidden or option-like file, or
 * one that overwrites another's: letters (any script) and digits, - and _ stay; every other character, the dot
 * included (so a.form.xml cannot become a.xml's form), becomes _; the names of the batch files get a _ added; and
 * two inputs that still map to one base (also when only their case differs) are told apart by refusing the later.
 */
public final class OutputNames {
    /** Bases of the files a batch writes itself (summary.html, summary.csv, errors.csv, results.jsonl, catalog.json) and reserved ones. */
    static final Set<String> RESERVED = Set.of("summary", "facilities", "errors", "results", "catalog");
    /**
     * Long enough for any real name (66 kanji); short enough that base + the longest format (".detail.html") + the
     * temporary file's "." and ".<process>-<n>.tmp" fits the 255 bytes a file system allows a name (UTF-8: a kanji
     * takes 3 bytes, a rarer character 4).
     */
    static final int MAX_BYTES = 200;

    private final Map<String, Path> taken = new HashMap<>();

    /** The base for an input's outputs, derived from its file name alone. */
    public static String base(Path input) {
        String name = String.valueOf(input.getFileName());
        if (name.toLowerCase(Locale.ROOT).endsWith(".xml")) name = name.substring(0, name.length() - 4);
        name = Normalizer.normalize(name, Normalizer.Form.NFC); // a name from macOS spells ド as ト + ゛
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int c : name.codePoints().toArray()) {
            int safe = Character.isLetterOrDigit(c) || c == '-' || c == '_' ? c : '_';
            bytes += safe < 0x80 ? 1 : safe < 0x800 ? 2 : safe < 0x10000 ? 3 : 4;
            if (bytes > MAX_BYTES) break;
            b.appendCodePoint(safe);
        }
        String base = b.toString();
        if (base.isEmpty() || base.startsWith("-")) base = "_" + base;
        if (RESERVED.contains(base.toLowerCase(Locale.ROOT))) base = base + "_";
        return base;
    }

    /** The base for this input, or null when an earlier input of this run already has it (its reports would be overwritten). */
    public String claim(Path input) {
        String base = base(input);
        return taken.putIfAbsent(base.toLowerCase(Locale.ROOT), input) == null ? base : null;
    }

    /** The earlier input that has the same base as this one. */
    public Path holder(Path input) {
        return taken.get(base(input).toLowerCase(Locale.ROOT));
    }

    /** A link from summary.html to a report beside it: relative ("./"), percent-encoded, never a scheme. */
    public static String link(String fileName) {
        try {
            return "./" + new URI(null, null, fileName, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(fileName, e);
        }
    }
}
