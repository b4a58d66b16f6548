package kensa.serve;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.render.AtomicFiles;
import kensa.xml.InputError;
import kensa.xml.Limits;
import kensa.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The facility files of the data folder. A file is named by the server ({@code facility-0001.xml}); an id from
 * a URL must match {@code [a-z0-9-]+} and resolve inside the folder. Every write is validated against
 * facility.xsd first and is atomic.
 */
final class Store {
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern GENERATED = Pattern.compile("facility-(\\d{4,9})");

    private final Path dir;
    private final Schema schema;
    private final FacilitySchema facilitySchema;
    private final FacilityFiles facilityFiles;

    Store(Path dir, Path facilityXsd, FacilitySchema facilitySchema) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir.toRealPath();
        this.facilitySchema = facilitySchema;
        this.facilityFiles = new FacilityFiles(facilityXsd);
        try {
            this.schema = SecureXml.schema(facilityXsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot read " + facilityXsd + ": " + e.getMessage(), e);
        }
    }

    Path dir() { return dir; }

    /** The file of an id from a URL, or null when the id is not one the server could have made. */
    Path file(String id) {
        if (id == null || !ID.matcher(id).matches()) return null;
        Path file = dir.resolve(id + ".xml").normalize();
        if (!file.getParent().equals(dir) || leavesFolder(file)) return null;
        return file;
    }

    /** A symbolic link to a file outside the data folder: never read or offered for editing. */
    private boolean leavesFolder(Path file) {
        if (!Files.isSymbolicLink(file)) return false;
        try {
            return !file.toRealPath().getParent().equals(dir);
        } catch (IOException dangling) {
            return true;
        }
    }

    boolean exists(String id) {
        Path f = file(id);
        return f != null && Files.isRegularFile(f);
    }

    record Entry(String id, String file, String name, String type, String assessmentDate, FileTime modified, String problem) {}

    /** What the start page knows of a file, kept until the file changes (its time, size or identity). */
    private record Seen(FileTime modified, long size, Object key, Entry entry) {}

    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

    /**
     * The facility files in the folder, by name; a file the questionnaire cannot open says why. Each file is read
     * once per change, by the streaming reader assess uses, which stops at the first error: so a huge or deeply nested
     * file costs the start page once, and little.
     */
    List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path f : files) {
                if (leavesFolder(f) || !Files.isRegularFile(f)) continue;
                present.add(f);
                BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
                Seen known = seen.get(f);
                if (known != null && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()
                        && java.util.Objects.equals(known.key(), attributes.fileKey())) {
                    out.add(known.entry());
                    continue;
                }
                Entry entry = entry(f, attributes.lastModifiedTime());
                seen.put(f, new Seen(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), entry));
                out.add(entry);
            }
        }
        seen.keySet().retainAll(present);
        out.sort((a, b) -> a.file().compareTo(b.file()));
        return out;
    }

    private Entry entry(Path f, FileTime modified) {
        String file = f.getFileName().toString();
        String id = file.substring(0, file.length() - 4);
        if (!ID.matcher(id).matches()) {
            return new Entry(null, file, null, null, null, modified,
                    "ファイル名に英小文字・数字・ハイフン以外が使われているため、ここでは開けません。名前を変えると開けます(例: sakura-clinic.xml)。");
        }
        try {
            Facility facility = facilityFiles.read(f, null);
            return new Entry(id, file, facility.getName(), facility.getFacilityType() == null ? null : facility.getFacilityType().value(),
                    facility.getAssessmentDate() == null ? null : facility.getAssessmentDate().toString(), modified, null);
        } catch (InputError e) {
            return new Entry(id, file, null, null, null, modified, e.problem() + " " + e.fix());
        }
    }

    /**
     * Reads a file to edit, with its version; a file that is not a valid facility file is refused with the reason.
     * The bytes are read once: checked (streaming, stopping at the first error, so a huge or deeply nested file is
     * refused at once), hashed and parsed, so the version is that of the very content shown.
     */
    FacilityDoc read(String id) throws IOException, Problem {
        Path f = file(id);
        if (f == null || !Files.isRegularFile(f)) throw new Problem("この施設ファイルはありません: " + id);
        if (Files.size(f) > Limits.FACILITY.maxBytes()) throw new Problem(f.getFileName() + " は大きすぎます(5 MB まで)。");
        byte[] bytes = Files.readAllBytes(f);
        try {
            facilityFiles.readBytes(f, bytes);
        } catch (InputError e) {
            throw new Problem(f.getFileName() + " は施設ファイルの書式に合いません: " + e.problem() + " " + e.fix());
        }
        try {
            return new FacilityDoc(SafeXml.parse(bytes, f), facilitySchema).version(version(bytes));
        } catch (SAXException | ParserConfigurationException e) {
            throw new Problem(f.getFileName() + " はXMLとして読めません: " + e.getMessage());
        }
    }

    /** A short hash of a file's content: what a page was based on. */
    static String version(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new file with a generated name; the name is reserved before it is written, so two never collide. */
    String create(Document doc) throws IOException, Problem {
        String problem = validate(doc);
        if (problem != null) throw new Problem(problem);
        int next = 1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "facility-*.xml")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                var m = GENERATED.matcher(name.substring(0, name.length() - 4));
                if (m.matches()) next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        for (;; next++) {
            String id = String.format("facility-%04d", next);
            try {
                Files.createFile(dir.resolve(id + ".xml"));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            AtomicFiles.write(dir.resolve(id + ".xml"), SafeXml.write(doc));
            return id;
        }
    }

    /** Validates and writes the whole file at once; returns its new version. */
    String write(String id, FacilityDoc doc) throws IOException, Problem {
        String problem = validate(doc.document());
        if (problem != null) throw new Problem(problem);
        String text = SafeXml.write(doc.document());
        AtomicFiles.write(file(id), text);
        return version(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The first error facility.xsd finds, or null when the document is valid; then the checks `kensa assess` makes
     * (dates it can assess and print), so serve never saves a file that assess would refuse.
     */
    String validate(Document doc) {
        String schemaProblem = validateSchema(doc);
        if (schemaProblem != null) return schemaProblem;
        try {
            facilityFiles.readText(Path.of("facility.xml"), SafeXml.write(doc));
            return null;
        } catch (InputError e) {
            return e.problem() + " " + e.fix();
        }
    }

    private String validateSchema(Document doc) {
        Validator validator = schema.newValidator();
        String[] first = new String[1];
        validator.setErrorHandler(new ErrorHandler() {
            @Override public void warning(SAXParseException e) {}
            @Override public void error(SAXParseException e) { if (first[0] == null) first[0] = e.getMessage(); }
            @Override public void fatalError(SAXParseException e) { if (first[0] == null) first[0] = e.getMessage(); }
        });
        try {
            validator.validate(new DOMSource(doc));
        } catch (SAXException | IOException e) {
            if (first[0] == null) first[0] = e.getMessage();
        }
        return first[0];
    }

    /** A new document: the facility element with its name, type and date, in the schema's order. */
    Document newDocument(String name, String type, String date) throws Problem {
        try {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<facility xmlns=\"" + FacilitySchema.NS + "\">\n</facility>\n";
            Document doc = SafeXml.builder().parse(new InputSource(new StringReader(xml)));
            FacilityDoc d = new FacilityDoc(doc, facilitySchema);
            d.set(d.root(), "", "name", name);
            d.set(d.root(), "", "facilityType", type);
            d.set(d.root(), "", "assessmentDate", date);
            return doc;
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Something the user can fix, said in Japanese. */
    static final class Problem extends Exception {
        Problem(String message) { super(message); }
    }
}
