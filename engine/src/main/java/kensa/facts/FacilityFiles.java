package kensa.facts;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import kensa.xml.InputError;
import kensa.xml.Limits;
import kensa.xml.PlausibleDates;
import kensa.xml.XmlFiles;

/**
 * Reads facility files for assess, validate and serve alike, so they accept and refuse the same files: the schema,
 * then the dates ({@link PlausibleDates}), including "when was it done" dates after the assessment date.
 * Thread-safe.
 */
public final class FacilityFiles {
    private final XmlFiles<Facility> xml;

    public FacilityFiles(Path facilityXsd) {
        this.xml = new XmlFiles<>(Facility.class, facilityXsd, Limits.FACILITY);
    }

    /** @param asOf the assessment date given on the command line, or null for the file's own assessmentDate */
    public Facility read(Path file, LocalDate asOf) throws InputError {
        return checked(file, xml.parse(file), asOf);
    }

    /** A facility document held in memory (serve checks what it is about to save); {@code file} names it in messages. */
    public Facility readText(Path file, String document) throws InputError {
        return readBytes(file, document.getBytes(StandardCharsets.UTF_8));
    }

    /** A facility file's bytes, read once (serve hashes the same bytes it checks); {@code file} names it in messages. */
    public Facility readBytes(Path file, byte[] bytes) throws InputError {
        Limits.FACILITY.checkSize(file, bytes.length);
        return checked(file, xml.parse(file, new ByteArrayInputStream(bytes)), null);
    }

    private static Facility checked(Path file, XmlFiles.Parsed<Facility> parsed, LocalDate asOf) throws InputError {
        LocalDate date = asOf != null ? asOf : parsed.value().getAssessmentDate();
        InputError late = PlausibleDates.afterAssessment(file, parsed.dates(), date);
        if (late != null) throw late;
        return parsed.value();
    }
}
