package kensa.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import kensa.rulebase.Finding;
import kensa.rulebase.Status;
import kensa.rulebase.Text;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.checklist.Checklist;
import kensa.guideline.Guideline;
import kensa.render.Labels;

/**
 * What {@code results.jsonl} refers to and leaves out, once for the batch ({@code catalog.json}): the wording of the
 * checklist items and guideline requirements applied, with the rules that decide each, and the templates of the findings'
 * texts (evidence and remediation) under their codes: a record gives a finding's code and values, and the template
 * with those values is the sentence the reports print. A code is a hash of what it stands for, so the same in every
 * batch. Records are added from several threads; the file lists everything sorted, so it is the same whatever their
 * timing.
 */
public final class ResultCatalog {
    public static final String FILE = "catalog.json";
    public static final int VERSION = 2;
    // The caller owns the stream (kensa catalog prints to standard output).
    private static final JsonFactory JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /**
     * What a finding code stands for: the rule, the form column (scope) and the severity; whom the finding is about
     * (its subject, a vendor): null for the facility, the name of the value that holds it, or "" when the record gives
     * it first; the templates of its evidence and remediation (or of a part another text names); and the names of the
     * values a record gives after the code, in order. A wide one (an extra rule's) has a longer code: see {@link #code(Template)}.
     */
    private record Template(String rule, String scope, String severity, String subject, String evidence, String remediation,
                            List<String> values, boolean literal, boolean wide) {}

    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<Template, String> codes = new ConcurrentHashMap<>();
    private final Set<String> checklists = ConcurrentHashMap.newKeySet();
    private final Set<String> guidelines = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Checklists allChecklists;
    private final Guidelines allGuidelines;
    private final Map<String, List<String>> requirementKeys = new ConcurrentHashMap<>();

    public ResultCatalog(Checklists allChecklists, Guidelines allGuidelines) {
        this.allChecklists = allChecklists;
        this.allGuidelines = allGuidelines;
    }

    /** The keys of the requirements the rules decide, in the catalog's order: the order of a record's requirements. */
    List<String> requirementKeys(String guidelineId) {
        return requirementKeys.computeIfAbsent(guidelineId, id -> requirements(allGuidelines.byId(id).orElseThrow())
                .stream().filter(r -> r.getManual() == null).map(kensa.guideline.Requirement::getKey).toList());
    }

    /** A guideline's requirements but its background (what only explains the others), volume by volume. */
    private static List<kensa.guideline.Requirement> requirements(Guideline g) {
        return Guidelines.requirements(g).filter(r -> r.getBackground() == null).toList();
    }

    void usedChecklist(String id) { checklists.add(id); }

    void usedGuideline(String id) { guidelines.add(id); }

    /** The code of a finding's templates (its values are the record's), kept for the catalog. */
    String code(Finding f, String subject, boolean wide) {
        Text e = f.evidenceText();
        Text r = f.remediationText();
        if (r != null && r.valueCount() > 0 && !r.sameValues(e)) {
            throw new IllegalStateException("a finding's remediation names values its evidence does not: " + f);
        }
        String severity = f.severity() == null ? null : f.severity().code();
        String remediation = r == null ? null : r.template();
        // Most findings come from a few hundred call sites: look among those of the same evidence template first, without
        // building a key (a batch asks this for every finding of every facility).
        List<Known> known = byEvidence.get(e.template());
        if (known != null) {
            for (Known k : known) if (k.matches(f.rule(), f.scope(), severity, subject, remediation, e, wide)) return k.code;
        }
        Template t = new Template(f.rule(), f.scope(), severity, subject, e.template(), remediation, names(e), e.isLiteral(), wide);
        String code = code(t);
        byEvidence.computeIfAbsent(e.template(), template -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(new Known(t, code));
        return code;
    }

    private final Map<String, List<Known>> byEvidence = new ConcurrentHashMap<>();

    /** A code already made, and what it stands for. */
    private record Known(Template t, String code) {
        boolean matches(String rule, String scope, String severity, String subject, String remediation, Text evidence, boolean wide) {
            if (t.wide() != wide || t.literal() != evidence.isLiteral() || !t.rule().equals(rule) || !java.util.Objects.equals(t.scope(), scope)
                    || !java.util.Objects.equals(t.severity(), severity) || !java.util.Objects.equals(t.subject(), subject)
                    || !java.util.Objects.equals(t.remediation(), remediation) || t.values().size() != evidence.valueCount()) {
                return false;
            }
            for (int i = 0; i < t.values().size(); i++) if (!t.values().get(i).equals(evidence.valueName(i))) return false;
            return true;
        }
    }

    /** Where a record gives a finding's subject: null (none), the name of the value that is it, or "" (before the values). */
    static String subject(Finding f) {
        if (f.subject() == null) return null;
        Text e = f.evidenceText();
        for (int i = 0; i < e.valueCount(); i++) if (f.subject().equals(e.value(i))) return e.valueName(i);
        return "";
    }

    /** The code of a text that is a value of another (a part a derived fact states). */
    String code(Text t, boolean wide) {
        return code(new Template(null, null, null, null, t.template(), null, names(t), t.isLiteral(), wide));
    }

    private static List<String> names(Text t) {
        if (t.valueCount() == 0) return List.of();
        String[] names = new String[t.valueCount()];
        for (int i = 0; i < names.length; i++) names[i] = t.valueName(i);
        return List.of(names);
    }

    /**
     * A template's code: the first 36 bits of the SHA-256 of what it stands for, base64url (6 characters), the same in
     * every batch. The bundled rules hold a few hundred templates (they do not grow with the facilities: names and dates
     * are values): for a thousand, two share a code about once in 140,000 rule bases. An extra rule's (wide) may still
     * paste names into its text, one "template" per facility, so its code is 72 bits (12 characters): two of 1.5 million
     * share one about once in 4 billion runs. Should it happen, the batch stops rather than write an ambiguous record.
     */
    private String code(Template t) {
        String code = codes.get(t);
        if (code != null) return code;
        MessageDigest sha = SHA256.get();
        for (String part : new String[] {t.rule(), t.scope(), t.severity(), t.subject(), t.evidence(),
                t.remediation(), String.join("\u0001", t.values()), t.literal() ? "literal" : null}) {
            if (part != null) sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        code = t.wide() ? Base64.getUrlEncoder().encodeToString(java.util.Arrays.copyOf(sha.digest(), 9))
                : Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha.digest(), 6)).substring(0, 6);
        Template known = templates.putIfAbsent(code, t);
        if (known != null && !known.equals(t)) throw new IllegalStateException("two finding templates share the code " + code);
        codes.putIfAbsent(t, code);
        return code;
    }

    /** catalog.json of a batch: the editions its records used, and their texts. */
    public void write(OutputStream out) throws IOException {
        write(out, allChecklists, allGuidelines, checklists::contains, guidelines::contains, templates);
    }

    /** The catalog of every bundled edition, without finding texts (they come from assessing): {@code kensa catalog}. */
    public static void writeBundled(OutputStream out, Checklists allChecklists, Guidelines allGuidelines) throws IOException {
        write(out, allChecklists, allGuidelines, id -> true, id -> true, Map.of());
    }

    private static void write(OutputStream stream, Checklists allChecklists, Guidelines allGuidelines, Predicate<String> checklistUsed,
                              Predicate<String> guidelineUsed, Map<String, Template> templates) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(stream).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            out.writeNumberField("catalogVersion", VERSION);
            out.writeNumberField("recordVersion", ResultRecord.VERSION);
            // The record's short status codes: what each stands for.
            out.writeObjectFieldStart("statuses");
            for (Status s : Status.values()) {
                out.writeObjectFieldStart(ResultRecord.status(s));
                out.writeStringField("code", s.code());
                out.writeStringField("label", Labels.STATUSES.get(s));
                out.writeEndObject();
            }
            out.writeEndObject();

            out.writeObjectFieldStart("checklists");
            for (Checklist c : allChecklists.all().stream().filter(c -> checklistUsed.test(c.getId()))
                    .sorted(java.util.Comparator.comparing(Checklist::getId)).toList()) {
                out.writeObjectFieldStart(c.getId());
                out.writeStringField("title", c.getTitle());
                out.writeStringField("edition", c.getEdition());
                out.writeStringField("code", Checklists.code(c));
                out.writeStringField("form", c.getForm());
                out.writeNumberField("fiscalYear", c.getFiscalYear());
                out.writeObjectFieldStart("scopes");
                for (var s : c.getScope()) out.writeStringField(s.getCode(), s.getLabel());
                out.writeEndObject();
                if (c.getGate() != null) {
                    out.writeObjectFieldStart("gate");
                    out.writeStringField("number", c.getGate().getNumber());
                    out.writeStringField("text", c.getGate().getText());
                    strings(out, "rules", List.of(c.getGate().getRule()));
                    out.writeEndObject();
                }
                out.writeArrayFieldStart("items");
                for (kensa.checklist.Section s : c.getSection()) {
                    for (kensa.checklist.Item i : s.getItem()) {
                        out.writeStartObject();
                        out.writeStringField("section", s.getNumber());
                        out.writeStringField("sectionTitle", s.getTitle());
                        if (!s.getOnForm()) out.writeBooleanField("onForm", false);
                        out.writeStringField("number", i.getNumber());
                        out.writeStringField("key", i.getKey());
                        out.writeStringField("text", i.getText());
                        out.writeEndObject();
                    }
                }
                out.writeEndArray();
                // Every answer box in order: a record's cells are in this order.
                out.writeArrayFieldStart("cells");
                for (kensa.checklist.Section s : c.getSection()) {
                    for (kensa.checklist.Item i : s.getItem()) {
                        for (kensa.checklist.Cell cell : i.getCell()) {
                            out.writeStartObject();
                            out.writeStringField("item", i.getNumber());
                            if (cell.getScope() != null) out.writeStringField("scope", cell.getScope());
                            // kensa's own checks beside the official form
                            if (!s.getOnForm()) out.writeBooleanField("onForm", false);
                            strings(out, "rules", cell.getRule());
                            out.writeEndObject();
                        }
                    }
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndObject();

            out.writeObjectFieldStart("guidelines");
            for (Guideline g : allGuidelines.all().stream().filter(g -> guidelineUsed.test(g.getId()))
                    .sorted(java.util.Comparator.comparing(Guideline::getId)).toList()) {
                out.writeObjectFieldStart(g.getId());
                out.writeStringField("title", g.getTitle());
                out.writeStringField("edition", g.getEdition());
                out.writeStringField("published", String.valueOf(g.getPublished()));
                // A record's requirements are in this order.
                out.writeArrayFieldStart("requirements");
                for (kensa.guideline.Volume v : g.getVolume()) {
                    for (kensa.guideline.Requirement r : v.getRequirement()) {
                        if (r.getBackground() != null) continue;
                        out.writeStartObject();
                        out.writeStringField("volume", v.getKey());
                        out.writeStringField("volumeTitle", v.getTitle());
                        out.writeStringField("key", r.getKey());
                        out.writeStringField("number", r.getNumber());
                        out.writeStringField("text", r.getText());
                        if (r.getManual() != null) out.writeStringField("question", r.getManual());
                        else strings(out, "rules", r.getRule());
                        if (r.getStrength() == kensa.guideline.Strength.RECOMMENDED) out.writeBooleanField("recommended", true);
                        out.writeEndObject();
                    }
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndObject();

            // What a record's finding codes stand for: FreeMarker templates (${name} prints a value; a date in 和暦).
            out.writeObjectFieldStart("texts");
            for (Map.Entry<String, Template> e : new TreeMap<>(templates).entrySet()) {
                Template t = e.getValue();
                out.writeObjectFieldStart(e.getKey());
                if (t.rule() != null) out.writeStringField("rule", t.rule());
                if (t.scope() != null) out.writeStringField("scope", t.scope());
                if (t.severity() != null) out.writeStringField("severity", t.severity());
                if (t.subject() != null) out.writeStringField("subject", t.subject());
                out.writeStringField("evidence", t.evidence());
                if (t.remediation() != null) out.writeStringField("remediation", t.remediation());
                if (!t.values().isEmpty()) strings(out, "values", t.values());
                if (t.literal()) out.writeBooleanField("literal", true);
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    private static void strings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String v : values) out.writeString(v);
        out.writeEndArray();
    }
}
