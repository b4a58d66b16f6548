package kensa.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kensa.assess.Assessment;
import kensa.catalog.Checklists;
import kensa.checklist.Checklist;
import kensa.checklist.Cite;
import kensa.checklist.Confidence;
import kensa.checklist.Source;
import kensa.rulebase.Wareki;

/**
 * Renders an assessment in each output format. JSON is the assessment itself; the other formats
 * are FreeMarker templates in {@code reports/} that read the same shape as the JSON, so they never
 * disagree: format {@code md} is {@code report.md.ftl}, format {@code form.csv} is {@code form.csv.ftl},
 * HTML templates end in {@code .ftlh} and XML ones in {@code .ftlx} (both auto-escaped). A format is also its output
 * file's suffix.
 * <p>
 * {@code html} and {@code md} are the short report a clinic acts on ({@link ShortReport}); {@code detail.html} and
 * {@code detail.md} hold everything else (every cell, requirement, finding and source), and the short one links to them.
 */
public final class Reports {
    public static final List<String> FORMATS = List.of("html", "detail.html", "md", "detail.md", "json", "form.html",
            "form.csv", "vendor.html");
    /** How long a vendor is given to reply to the facility's letter, from the assessment date. */
    static final int VENDOR_REPLY_DAYS = 28;
    /** The batch record: one line per facility in OUT/results.jsonl, its wording in catalog.json (kensa.batch). */
    public static final String JSONL = "jsonl";

    private static final ObjectMapper JSON = JsonShape.configure(new ObjectMapper())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Configuration templates;

    public Reports(Path templateDir) {
        templates = new Configuration(Configuration.VERSION_2_3_34);
        try {
            templates.setDirectoryForTemplateLoading(templateDir.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("no report templates at " + templateDir, e);
        }
        templates.setDefaultEncoding("UTF-8");
        templates.setLocale(Locale.JAPAN);
        templates.setNumberFormat("computer");
        templates.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        templates.setLogTemplateExceptions(false);
        templates.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        templates.setSharedVariable("wareki", dateFunction(Wareki::dateOrMonth));
        templates.setSharedVariable("csvField", (TemplateMethodModelEx) args -> Csv.field(args.isEmpty() || args.get(0) == null ? "" : args.get(0).toString()));
        templates.setSharedVariable("fiscalYear", dateFunction(iso -> Wareki.fiscalYear(LocalDate.parse(iso))));
        templates.setSharedVariable("replyBy", dateFunction(iso -> LocalDate.parse(iso).plusDays(VENDOR_REPLY_DAYS).toString()));
        setSharedVariable("unconfirmedWording", Map.of());
    }

    /**
     * Lets the forms mark item wording the checklist data itself does not vouch for: per form id and item number, the
     * cites of confidence UNCONFIRMED (what is unconfirmed, and the source it was seen in). Confirmed wording prints plainly.
     */
    public Reports withChecklists(Checklists catalog) {
        Map<String, Map<String, List<Map<String, String>>>> byForm = new LinkedHashMap<>();
        for (Checklist form : catalog.all()) {
            Map<String, Source> sources = new LinkedHashMap<>();
            form.getSource().forEach(src -> sources.put(src.getId(), src));
            Map<String, List<Map<String, String>>> items = new LinkedHashMap<>();
            if (form.getGate() != null) unconfirmed(form.getGate().getCite(), sources).ifPresent(u -> items.put(form.getGate().getNumber(), u));
            form.getSection().forEach(section -> section.getItem().forEach(item ->
                    unconfirmed(item.getCite(), sources).ifPresent(u -> items.put(item.getNumber(), u))));
            if (!items.isEmpty()) byForm.put(form.getId(), items);
        }
        setSharedVariable("unconfirmedWording", byForm);
        return this;
    }

    private static Optional<List<Map<String, String>>> unconfirmed(List<Cite> cites, Map<String, Source> sources) {
        List<Map<String, String>> notes = new ArrayList<>();
        for (Cite cite : cites) {
            if (cite.getConfidence() != Confidence.UNCONFIRMED) continue;
            Source source = sources.get(cite.getSource());
            notes.add(Map.of("note", cite.getValue(), "source", source == null ? cite.getSource() : source.getValue(),
                    "url", source == null || source.getUrl() == null ? "" : source.getUrl()));
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(notes);
    }

    private void setSharedVariable(String name, Object value) {
        try {
            templates.setSharedVariable(name, value);
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every requested format, in order, linking to no other report. */
    public Map<String, String> render(Object assessment, List<String> formats) throws IOException {
        return render(assessment, formats, Map.of());
    }

    /**
     * Every requested format, in order; the template data is built once for all templates.
     *
     * @param links where the other reports of the same facility are, by format (e.g. detail.html → ./a.detail.html):
     *              a report links only to those written beside it
     */
    public Map<String, String> render(Object assessment, List<String> formats, Map<String, String> links) throws IOException {
        Map<String, String> rendered = new LinkedHashMap<>();
        Map<String, Object> model = null;
        for (String format : formats) {
            if (format.equals("json")) {
                rendered.put(format, json(assessment));
                continue;
            }
            if (model == null) {
                model = new LinkedHashMap<>();
                model.put("a", asTree(assessment));
                if (assessment instanceof Assessment a) model.put("s", shortReport(a));
                model.put("links", links);
            }
            String name = templateName(format);
            StringWriter out = new StringWriter();
            try {
                templates.getTemplate(name).process(model, out);
            } catch (TemplateException e) {
                throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
            }
            rendered.put(format, out.toString());
        }
        return rendered;
    }

    /** The suffix turns FreeMarker's auto-escaping on: .ftlh for HTML, .ftlx for XML; .ftl (Markdown, CSV) escapes by hand. */
    private static String templateName(String format) {
        return (format.contains(".") ? format : "report." + format)
                + (format.endsWith("html") ? ".ftlh" : format.endsWith("xml") ? ".ftlx" : ".ftl");
    }

    /**
     * Reads and parses these formats' templates on a thread of their own, for a run that starts rendering soon: while a
     * facility is read and assessed on one core, the other is free. FreeMarker's template cache is shared and thread-safe.
     */
    public void prepareInBackground(List<String> formats) {
        Thread prepare = new Thread(() -> {
            for (String format : formats) {
                if (format.equals("json")) continue;
                try {
                    templates.getTemplate(templateName(format));
                } catch (IOException e) {
                    return; // rendering reads it again, and reports the problem
                }
            }
        }, "kensa-templates");
        prepare.setDaemon(true);
        prepare.start();
    }

    /** A template of reports/ with a model of plain maps and lists (e.g. a batch summary). */
    public String renderTemplate(String name, Map<String, Object> model) throws IOException {
        StringWriter out = new StringWriter();
        try {
            templates.getTemplate(name).process(model, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The short report's view as maps and lists, in the JSON's words (dates ISO, codes for severities). */
    public static Map<String, Object> shortReport(Assessment assessment) {
        return JSON.convertValue(ShortReport.of(assessment), new TypeReference<Map<String, Object>>() {});
    }


    public static String json(Object value) {
        try {
            return writer(JSON, value).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON as maps and lists, for the templates: the same shape as the file, with the wording only reports show. */
    public static Map<String, Object> asTree(Object value) {
        try (TokenBuffer tokens = new TokenBuffer(JSON, false)) {
            writer(JSON, value).withView(JsonShape.ForReports.class).writeValue(tokens, value);
            return JSON.readValue(tokens.asParser(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An assessment's findings are written once and referred to by key elsewhere; what only reports show is left out
     * (the view {@code Object} includes every property but those marked {@link JsonShape.ForReports}).
     */
    private static ObjectWriter writer(ObjectMapper mapper, Object value) {
        ObjectWriter writer = mapper.writerWithView(Object.class);
        return value instanceof Assessment a ? writer.withAttribute(FindingKey.KEYS, a.findingKeys()) : writer;
    }

    private static TemplateMethodModelEx dateFunction(Function<String, String> format) {
        return args -> {
            if (args.size() != 1) throw new TemplateModelException("expects one ISO date");
            Object arg = args.get(0);
            return arg == null || arg.toString().isBlank() ? "" : format.apply(arg.toString());
        };
    }
}
