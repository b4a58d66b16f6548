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
import kensa.rulebase.Status;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.checklist.Checklist;
import kensa.guideline.Guideline;
import kensa.render.Labels;

/**
 * What {@code results.jsonl} refers to and leaves out, once for the batch ({@code catalog.json}): the wording of the
 * checklist items and guideline requirements applied, with the rules that decide each, and every distinct finding text
 * (evidence and remediation) under its key. A text's key is a hash of the text, so the same text has the same key in
 * every batch. Records are added from several threads; the file lists everything sorted, so it is the same whatever
 * their timing.
 */
public final class ResultCatalog {
    public static final String FILE = "catalog.json";
    public static final int VERSION = 1;
    // The caller owns the stream (kensa catalog prints to standard output).
    private static final JsonFactory JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private record Text(String evidence, String remediation) {}

    private final Map<String, Text> texts = new ConcurrentHashMap<>();
    private final Map<Text, String> keys = new ConcurrentHashMap<>();
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

    /** The keys of a guideline's requirements in the catalog's order: the order of a record's requirements. */
    List<String> requirementKeys(String guidelineId) {
        return requirementKeys.computeIfAbsent(guidelineId, id -> requirements(allGuidelines.byId(id).orElseThrow())
                .stream().map(kensa.guideline.Requirement::getKey).toList());
    }

    /** A guideline's requirements but its background (what only explains the others), volume by volume. */
    private static List<kensa.guideline.Requirement> requirements(Guideline g) {
        return Guidelines.requirements(g).filter(r -> r.getBackground() == null).toList();
    }

    void usedChecklist(String id) { checklists.add(id); }

    void usedGuideline(String id) { guidelines.add(id); }

    /**
     * The key of a finding's text, kept for the catalog: the first 72 bits of its SHA-256, base64url (12 characters).
     * A national batch holds millions of distinct texts (they name devices and dates); at 48 bits two of them would
     * share a key about once in 250 runs of 1.5 million, at 72 bits about once in 4 billion.
     */
    String text(String evidence, String remediation) {
        Text text = new Text(evidence, remediation);
        String key = keys.get(text); // most texts recur from facility to facility: hash each once
        if (key != null) return key;
        MessageDigest sha = SHA256.get();
        sha.update(String.valueOf(evidence).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (remediation != null) sha.update(remediation.getBytes(StandardCharsets.UTF_8));
        key = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha.digest(), 9));
        Text known = texts.putIfAbsent(key, text);
        // Two texts under one key would make the record ambiguous: stop rather than write it (see above: not expected).
        if (known != null && !known.equals(text)) throw new IllegalStateException("two finding texts share the key " + key);
        keys.putIfAbsent(text, key);
        return key;
    }

    /** catalog.json of a batch: the editions its records used, and their texts. */
    public void write(OutputStream out) throws IOException {
        write(out, allChecklists, allGuidelines, checklists::contains, guidelines::contains, texts);
    }

    /** The catalog of every bundled edition, without finding texts (they come from assessing): {@code kensa catalog}. */
    public static void writeBundled(OutputStream out, Checklists allChecklists, Guidelines allGuidelines) throws IOException {
        write(out, allChecklists, allGuidelines, id -> true, id -> true, Map.of());
    }

    private static void write(OutputStream stream, Checklists allChecklists, Guidelines allGuidelines, Predicate<String> checklistUsed,
                              Predicate<String> guidelineUsed, Map<String, Text> texts) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(stream).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            out.writeNumberField("catalogVersion", VERSION);
            out.writeNumberField("recordVersion", ResultRecord.VERSION);
            out.writeObjectFieldStart("statuses");
            for (Status s : Status.values()) out.writeStringField(s.code(), Labels.STATUSES.get(s));
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

            out.writeObjectFieldStart("texts");
            for (Map.Entry<String, Text> e : new TreeMap<>(texts).entrySet()) {
                out.writeObjectFieldStart(e.getKey());
                out.writeStringField("evidence", e.getValue().evidence());
                if (e.getValue().remediation() != null) out.writeStringField("remediation", e.getValue().remediation());
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
