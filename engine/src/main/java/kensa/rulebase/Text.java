package kensa.rulebase;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A finding's sentence as data: a template and the values it names, formatted only when a person reads it. A batch
 * record carries the values; the template is written once, in the batch's catalog.
 * <p>
 * Templates are FreeMarker ({@code 「${device}」の…}, {@code <#if until??>…</#if>}); a date value reads as 和暦
 * (令和7年3月31日), and a value that is itself a Text (a part a derived fact states) reads as its sentence. Values are
 * data, never templates: what a facility wrote is printed as it is.
 */
public final class Text {
    private final String template;
    /** Name, value, name, value…, in the order the rule gave them. */
    private final Object[] values;
    private final boolean literal;
    private final int hash;
    private String formatted;
    private static final Object[] NONE = {};

    private Text(String template, Object[] values, boolean literal) {
        this.template = Objects.requireNonNull(template, "template");
        if (values.length % 2 != 0) throw new IllegalArgumentException("values come as name, value pairs: " + template);
        for (int i = 0; i < values.length; i += 2) {
            if (!(values[i] instanceof String)) throw new IllegalArgumentException("a value's name must be a string: " + template);
        }
        this.values = values;
        this.literal = literal;
        this.hash = 31 * (31 * template.hashCode() + Arrays.hashCode(values)) + Boolean.hashCode(literal); // findings are map keys
        if (literal) formatted = template;
    }

    /** The template with its values as name, value pairs: {@code Text.of("「${device}」", "device", name)}. */
    public static Text of(String template, Object... namesAndValues) {
        return new Text(template, namesAndValues.clone(), false);
    }

    /** A finding's text, sharing the values array its evidence and remediation were given together (not copied). */
    static Text shared(String template, Object[] namesAndValues) {
        return new Text(template, namesAndValues, false);
    }

    /**
     * A sentence taken as it is, never as a template: for text that may hold what a facility wrote (the engine's own
     * findings, a checklist's wording).
     */
    public static Text literal(String text) {
        return new Text(text, NONE, true);
    }

    /** Whether this is a sentence taken as it is rather than a template. */
    public boolean isLiteral() { return literal; }

    public String template() { return template; }

    /** The values by name, in the order given. */
    public Map<String, Object> values() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i += 2) map.put((String) values[i], values[i + 1]);
        return map;
    }

    public int valueCount() { return values.length / 2; }

    /** Whether the two name the same values, the same way. */
    public boolean sameValues(Text other) { return Arrays.equals(values, other.values); }

    public String valueName(int i) { return (String) values[2 * i]; }

    public Object value(int i) { return values[2 * i + 1]; }

    /** The sentence as a person reads it. */
    @Override
    public String toString() {
        String s = formatted;
        if (s == null) formatted = s = format(template, values());
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Text t && hash == t.hash && literal == t.literal && template.equals(t.template)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private static final Configuration FREEMARKER = configuration();
    private static final Map<String, Optional<Template>> TEMPLATES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;

    private static String format(String template, Map<String, Object> values) {
        // A template that names no value and decides nothing is its own text.
        if (template.indexOf('$') < 0 && template.indexOf('<') < 0) return template;
        // Bounded: a consultant's old-style rule makes a new "template" for every name it pastes in.
        Optional<Template> parsed = TEMPLATES.size() < MAX_CACHED ? TEMPLATES.computeIfAbsent(template, Text::parse) : parse(template);
        if (parsed.isEmpty()) return template;
        StringWriter out = new StringWriter(template.length() + 32);
        try {
            parsed.get().process(values, out);
        } catch (TemplateException e) {
            return unusable(template, e.getMessageWithoutStackTop());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Optional<Template> parse(String template) {
        try {
            return Optional.of(new Template(null, new StringReader(template), FREEMARKER));
        } catch (IOException e) {
            unusable(template, e.getMessage());
            return Optional.empty();
        }
    }

    /** What a consultant's rule that still pastes names into its text may print on a rare name; the bundled rules never do. */
    public static final String UNUSABLE = "kensa: 注意: ルールの所見の文をひな形として組み立てられないため、書かれたとおりに出します";

    /**
     * A template that does not format (a rule that pastes what a facility wrote into its template, where that has
     * template syntax, or a mistake in the template) is printed as it is written, with a warning once: an old-style
     * rule's text is then what it meant. The bundled rules' tests fail on it (ScenarioTest, FindingTextsTest).
     */
    private static String unusable(String template, String why) {
        if (WARNED.size() < MAX_CACHED && WARNED.add(template)) System.err.println(UNUSABLE + "(" + why.lines().findFirst().orElse("") + "): " + template);
        return template;
    }

    private static final java.util.Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private static Configuration configuration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setObjectWrapper(new DefaultObjectWrapper(Configuration.VERSION_2_3_34) {
            @Override
            public TemplateModel wrap(Object value) throws TemplateModelException {
                if (value instanceof LocalDate date) return new SimpleScalar(Wareki.date(date));
                if (value instanceof Text text) return new SimpleScalar(text.toString()); // a part stated elsewhere (a derived fact's)
                return super.wrap(value);
            }
        });
        c.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX); // ${…} only, not the old #{…}
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        return c;
    }
}
