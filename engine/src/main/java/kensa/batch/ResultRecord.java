package kensa.batch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kensa.assess.Assessment;
import kensa.rulebase.Finding;
import kensa.rulebase.Status;
import kensa.rulebase.Text;

/**
 * One facility's line of {@code results.jsonl}: its verdicts and the structured values of its findings, without the
 * sentences, which {@link ResultCatalog} writes once for the batch (catalog.json). The layout is in README
 * (「一括評価の記録」); a change to it changes {@link #VERSION}. Written token by token: no tree per facility.
 */
public final class ResultRecord {
    public static final int VERSION = 2;
    private static final JsonFactory JSON = new JsonFactory();

    private ResultRecord() {}

    /** The record as one line of UTF-8 without the line break; the findings' texts go to {@code catalog}. */
    public static byte[] of(Assessment a, ResultCatalog catalog) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(8192);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            write(out, a, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator out, Assessment a, ResultCatalog catalog) throws IOException {
        out.writeStartObject();
        out.writeNumberField("recordVersion", VERSION);
        out.writeStringField("file", a.facility().file());
        out.writeStringField("name", a.facility().name());
        out.writeStringField("type", a.facility().type());
        if (a.facility().licensedBeds() != null) out.writeNumberField("licensedBeds", a.facility().licensedBeds());
        date(out, "assessedOn", a.assessedOn());

        Assessment.Checklist c = a.checklist();
        catalog.usedChecklist(c.id());
        out.writeObjectFieldStart("checklist");
        out.writeStringField("id", c.id());
        out.writeStringField("selectedBy", c.selectedBy());
        date(out, "deadline", c.deadline());
        if (c.inForce() != null) out.writeStringField("inForce", c.inForce().id());
        out.writeEndObject();
        Assessment.Guideline g = a.guideline();
        if (g != null) {
            catalog.usedGuideline(g.id());
            out.writeObjectFieldStart("guideline");
            out.writeStringField("id", g.id());
            out.writeStringField("selectedBy", g.selectedBy());
            out.writeEndObject();
        }

        Assessment.Counts n = a.counts();
        out.writeObjectFieldStart("counts");
        out.writeNumberField("met", n.met());
        out.writeNumberField("notMet", n.notMet());
        out.writeNumberField("unanswered", n.unanswered());
        out.writeNumberField("notApplicable", n.notApplicable());
        out.writeNumberField("recommended", n.recommended());
        out.writeEndObject();
        if (g != null) {
            Assessment.GuidelineCounts gc = g.counts();
            out.writeObjectFieldStart("guidelineCounts");
            out.writeNumberField("met", gc.met());
            out.writeNumberField("notMet", gc.notMet());
            out.writeNumberField("unanswered", gc.unanswered());
            out.writeNumberField("notApplicable", gc.notApplicable());
            out.writeNumberField("recommended", gc.recommended());
            out.writeNumberField("manual", gc.manual());
            out.writeEndObject();
        }
        Assessment.GapCounts gaps = a.summary().gaps();
        out.writeObjectFieldStart("gaps");
        out.writeNumberField("critical", gaps.critical());
        out.writeNumberField("high", gaps.high());
        out.writeNumberField("medium", gaps.medium());
        out.writeNumberField("low", gaps.low());
        out.writeNumberField("overdue", gaps.overdue());
        out.writeEndObject();

        // Each finding once, [code, status, (subject,) value…]; cells and requirements name them by their place here.
        // Whom a finding is about (a vendor) is written once, in subjects, and a finding gives its place there: as the
        // value its code's subject names, or right after the status when no value holds it.
        List<Finding> findings = a.findings();
        if (a.extraRules() != null && !a.extraRules().isEmpty()) {
            // What extra rules found is listed whether or not a cell names it.
            java.util.Set<Finding> all = new java.util.LinkedHashSet<>(findings);
            a.extraRules().values().forEach(all::addAll);
            findings = List.copyOf(all);
        }
        Map<String, Integer> subjects = new java.util.LinkedHashMap<>();
        for (Finding f : findings) if (f.subject() != null) subjects.putIfAbsent(f.subject(), subjects.size());
        if (!subjects.isEmpty()) {
            out.writeArrayFieldStart("subjects");
            for (String subject : subjects.keySet()) out.writeString(subject);
            out.writeEndArray();
        }
        Map<Finding, Integer> index = new HashMap<>(findings.size() * 2);
        out.writeArrayFieldStart("findings");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            index.put(f, i);
            out.writeStartArray();
            String subjectValue = ResultCatalog.subject(f);
            boolean wide = a.extraRules() != null && a.extraRules().containsKey(f.rule()); // a consultant's rule
            out.writeString(catalog.code(f, subjectValue, wide));
            out.writeString(status(f.status()));
            if ("".equals(subjectValue)) out.writeNumber(subjects.get(f.subject()));
            Text evidence = f.evidenceText();
            for (int v = 0; v < evidence.valueCount(); v++) {
                if (evidence.valueName(v).equals(subjectValue)) out.writeNumber(subjects.get(f.subject()));
                else value(out, evidence.value(v), catalog, wide);
            }
            out.writeEndArray();
        }
        out.writeEndArray();

        if (a.gate() != null) {
            out.writeFieldName("gate");
            cell(out, a.gate(), index);
        }
        out.writeArrayFieldStart("cells");
        cells(out, a.sections(), index);
        out.writeEndArray();
        if (a.vendorForms() != null && !a.vendorForms().isEmpty()) {
            out.writeArrayFieldStart("vendorForms");
            for (Assessment.VendorForm v : a.vendorForms()) {
                catalog.usedChecklist(v.checklist().id());
                out.writeStartObject();
                out.writeStringField("vendor", v.vendor());
                out.writeStringField("checklist", v.checklist().id());
                out.writeArrayFieldStart("cells");
                cells(out, v.sections(), index);
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (g != null) {
            // Volumes that apply only to some facilities (or are deemed complied with through another): whether this one's holds.
            boolean any = false;
            for (Assessment.Volume v : g.volumes()) {
                if (v.condition() == null) continue;
                if (!any) out.writeObjectFieldStart("conditions");
                any = true;
                out.writeBooleanField(v.key(), v.condition().holds());
            }
            if (any) out.writeEndObject();
            // [status, findings] of each requirement the rules decide, in the catalog's order (those left to an assessor's
            // question have no verdict here).
            Map<String, Assessment.Requirement> byKey = new HashMap<>(256);
            for (Assessment.Volume v : g.volumes()) for (Assessment.Requirement r : v.requirements()) byKey.put(r.key(), r);
            out.writeArrayFieldStart("requirements");
            for (String key : catalog.requirementKeys(g.id())) {
                Assessment.Requirement r = byKey.get(key);
                if (r == null || r.status() == null) {
                    out.writeNull();
                    continue;
                }
                out.writeStartArray();
                out.writeString(status(r.status()));
                refs(out, r.findings(), index);
                out.writeEndArray();
            }
            out.writeEndArray();
        }
        if (a.extraRules() != null && !a.extraRules().isEmpty()) {
            out.writeObjectFieldStart("extraRules");
            for (Map.Entry<String, List<Finding>> e : a.extraRules().entrySet()) {
                out.writeFieldName(e.getKey());
                refs(out, e.getValue(), index);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void cells(JsonGenerator out, List<Assessment.Section> sections, Map<Finding, Integer> index) throws IOException {
        for (Assessment.Section s : sections) for (Assessment.Item i : s.items()) for (Assessment.Cell c : i.cells()) cell(out, c, index);
    }

    /** [status, findings], in the order of the catalog's cells of the form. */
    private static void cell(JsonGenerator out, Assessment.Cell c, Map<Finding, Integer> index) throws IOException {
        out.writeStartArray();
        out.writeString(status(c.status()));
        refs(out, c.findings(), index);
        out.writeEndArray();
    }

    private static void refs(JsonGenerator out, List<Finding> findings, Map<Finding, Integer> index) throws IOException {
        out.writeStartArray();
        for (Finding f : findings) {
            Integer i = index.get(f);
            if (i == null) throw new IllegalStateException("a finding outside the record's list: " + f);
            out.writeNumber(i);
        }
        out.writeEndArray();
    }

    /** A text's values in its template's order: dates as ISO dates, a text (a part stated elsewhere) as [code, value…]. */
    private static void values(JsonGenerator out, Text text, ResultCatalog catalog, boolean wide) throws IOException {
        for (int i = 0; i < text.valueCount(); i++) value(out, text.value(i), catalog, wide);
    }

    private static void value(JsonGenerator out, Object v, ResultCatalog catalog, boolean wide) throws IOException {
        if (v == null) out.writeNull();
        else if (v instanceof String s) out.writeString(s);
        else if (v instanceof Boolean b) out.writeBoolean(b);
        else if (v instanceof Integer n) out.writeNumber(n);
        else if (v instanceof Long n) out.writeNumber(n);
        else if (v instanceof java.math.BigDecimal n) out.writeNumber(n);
        else if (v instanceof Number n) out.writeNumber(n.toString());
        else if (v instanceof Text part) {
            out.writeStartArray();
            out.writeString(catalog.code(part, wide));
            values(out, part, catalog, wide);
            out.writeEndArray();
        } else if (v instanceof Iterable<?> list) {
            // A list value (the names a text lists) is an object {"list": […]}, never mistaken for a text's [code, value…].
            out.writeStartObject();
            out.writeArrayFieldStart("list");
            for (Object item : list) value(out, item, catalog, wide);
            out.writeEndArray();
            out.writeEndObject();
        } else if (v instanceof Enum<?> e) out.writeString(ENUM_VALUES.computeIfAbsent(e, ResultRecord::xmlValue));
        else out.writeString(v.toString()); // LocalDate: 2025-03-31
    }

    /** A status as the record writes it, short (catalog.json's statuses say what each stands for). */
    static String status(Status s) {
        return switch (s) {
            case MET -> "m";
            case NOT_MET -> "n";
            case UNANSWERED -> "u";
            case NOT_APPLICABLE -> "na";
            case RECOMMENDED -> "r";
        };
    }

    private static final Map<Enum<?>, String> ENUM_VALUES = new java.util.concurrent.ConcurrentHashMap<>();

    /** An answer's value as the facility file writes it (windows-10), not the Java constant's name. */
    private static String xmlValue(Enum<?> e) {
        try {
            var xml = e.getDeclaringClass().getField(e.name()).getAnnotation(jakarta.xml.bind.annotation.XmlEnumValue.class);
            return xml != null ? xml.value() : e.name();
        } catch (NoSuchFieldException impossible) {
            return e.name();
        }
    }

    private static void date(JsonGenerator out, String field, LocalDate date) throws IOException {
        if (date != null) out.writeStringField(field, date.toString());
    }
}
