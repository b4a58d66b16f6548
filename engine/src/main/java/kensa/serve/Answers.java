package kensa.serve;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kensa.serve.FacilitySchema.Field;
import kensa.serve.FacilitySchema.Kind;
import kensa.serve.Questionnaire.Question;
import org.w3c.dom.Element;

/**
 * Applies posted answers to a copy of the facility document. An empty answer or わからない removes the field
 * (未回答), never writes false. The result is validated against facility.xsd; a value it rejects gets a Japanese
 * message next to its field and nothing is applied.
 */
final class Answers {
    /** The form field of a question's answer. */
    static final String ANSWER = "a:";
    /** The form field of a required value of a new entry. */
    static final String NEW = "new:";

    record Change(String key, String path, String value) {}

    record Result(FacilityDoc doc, Map<String, String> errors, boolean changed) {
        boolean ok() { return errors.isEmpty(); }
    }

    private final Store store;

    Answers(Store store) {
        this.store = store;
    }

    /** The changes the form asks for on these questions; an answer that is not a value of its type is an error. */
    static List<Change> changes(List<Question> questions, Form form, String prefix, FacilityDoc doc, Element context,
                                Map<String, String> errors) {
        List<Change> out = new ArrayList<>();
        for (Question q : questions) {
            String key = prefix + q.relPath();
            if (!form.has(key)) continue;
            String value = normalize(form.get(key), q.field().kind());
            if (value.isEmpty()) {
                if (q.field().required()) errors.put(key, "入力してください(この項目は省けません)。");
                else if (doc.value(context, q.relPath()) != null) out.add(new Change(key, q.relPath(), null));
                continue;
            }
            if ((q.field().kind() == Kind.CHOICE || q.field().kind() == Kind.BOOLEAN)
                    && q.field().choices().stream().noneMatch(c -> c.value().equals(value))) {
                errors.put(key, message(q.field(), ""));
                continue;
            }
            if (!value.equals(doc.value(context, q.relPath()))) out.add(new Change(key, q.relPath(), value));
        }
        return out;
    }

    /**
     * The document with the changes made in the context (an element of {@code doc}); errors for the fields whose
     * value facility.xsd rejects, found one change at a time, and then nothing is applied.
     */
    Result apply(FacilityDoc doc, Element context, String contextPath, List<Change> changes, Map<String, Field> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (changes.isEmpty()) return new Result(doc, errors, false);
        FacilityDoc all = doc.copy();
        Element at = doc.same(context, all);
        for (Change c : changes) apply(all, at, contextPath, c);
        if (store.validate(all.document()) == null) return new Result(all, errors, true);
        FacilityDoc good = doc;
        for (Change c : changes) {
            FacilityDoc trial = good.copy();
            apply(trial, doc.same(context, trial), contextPath, c);
            String problem = store.validate(trial.document());
            if (problem == null) good = trial;
            else errors.put(c.key(), message(fields.get(c.key()), problem));
        }
        if (errors.isEmpty()) errors.put("", "保存できませんでした。回答の組み合わせを確認してください。");
        return new Result(doc, errors, false);
    }

    private static void apply(FacilityDoc doc, Element context, String contextPath, Change c) {
        if (c.value() == null) doc.remove(context, contextPath, c.path());
        else doc.set(context, contextPath, c.path(), c.value());
    }

    /** Full-width digits and hyphens become ASCII for numbers and dates; text keeps its characters, trimmed. */
    static String normalize(String raw, Kind kind) {
        if (raw == null) return "";
        String v = raw.strip();
        if (kind == Kind.COUNT || kind == Kind.DATE) v = Normalizer.normalize(v, Normalizer.Form.NFKC).replace('−', '-').strip();
        return v;
    }

    /** What is wrong with a value of this field, and how to write it. */
    static String message(Field field, String schemaMessage) {
        String m = Objects.requireNonNullElse(schemaMessage, "");
        if (m.contains("cvc-identity-constraint") || m.contains("Duplicate unique value") || m.contains("重複")) {
            return "同じ名前が既にあります。別の名前にしてください。";
        }
        if (field == null) return "この値は使えません。";
        if (field.kind() == Kind.DATE && !m.isEmpty() && !m.contains("cvc-")) return m; // kensa's own date check explains itself
        return switch (field.kind()) {
            case DATE -> "日付は 2025-03-31 のように、西暦の 年-月-日 で、実際にある日付を入力してください。わからなければ空欄にしてください。";
            case COUNT -> "0 以上の整数を数字で入力してください(例: 13)。わからなければ空欄にしてください。";
            case TEXT -> "文字を入力してください(空白だけにはできません)。";
            default -> "選択肢から選んでください。";
        };
    }
}
