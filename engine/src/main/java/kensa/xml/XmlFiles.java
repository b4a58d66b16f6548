package kensa.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.TypeInfoProvider;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.TypeInfo;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.Locator;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads one kind of XML document (a root type bound by JAXB, validated by its XSD), securely:
 * no DOCTYPE, no external entities, no network. Every failure becomes an {@link InputError}.
 * Thread-safe; build one per document kind and reuse it.
 */
public final class XmlFiles<T> {
    private final JAXBContext context;
    private final Schema schema;
    private final Class<T> rootType;
    private final SAXParserFactory parsers;
    private final Limits limits;
    private final FieldLabels labels;

    public XmlFiles(Class<T> rootType, Path xsd) {
        this(rootType, xsd, Limits.NONE);
    }

    /** @param limits the most entries of each list a document may hold, checked as it is read */
    public XmlFiles(Class<T> rootType, Path xsd, Limits limits) {
        this.rootType = rootType;
        this.limits = limits;
        this.labels = new FieldLabels(xsd);
        try {
            this.context = JAXBContext.newInstance(rootType.getPackageName(), rootType.getClassLoader());
            this.schema = SecureXml.schema(xsd);
            this.parsers = SAXParserFactory.newInstance();
            parsers.setNamespaceAware(true);
            for (Map.Entry<String, Boolean> f : SecureXml.PARSER_FEATURES.entrySet()) parsers.setFeature(f.getKey(), f.getValue());
        } catch (JAXBException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot prepare the reader for " + xsd + ": " + e, e);
        }
    }

    /**
     * A parser, a validator and an unmarshaller per thread, chained: parser → validator → unmarshaller. Creating them
     * costs more than reading a small file; the validator is reused too (JAXB's own schema check makes one per file).
     */
    private record Parser(XMLReader reader, Whereabouts where, ValidatorHandler validator, Unmarshaller unmarshaller) {}

    private final ThreadLocal<Parser> parser = new ThreadLocal<>();

    private static final ErrorHandler STOP_AT_FIRST_PROBLEM = new ErrorHandler() {
        @Override public void warning(SAXParseException e) {}
        @Override public void error(SAXParseException e) throws SAXException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
    };

    private Parser parser() throws SAXException, ParserConfigurationException, JAXBException {
        Parser p = parser.get();
        if (p == null) {
            ValidatorHandler validator = schema.newValidatorHandler();
            Whereabouts where = new Whereabouts();
            validator.setErrorHandler(where);
            XMLReader reader = parsers.newSAXParser().getXMLReader();
            reader.setErrorHandler(STOP_AT_FIRST_PROBLEM); // (without one, the parser also prints it on stderr)
            reader.setContentHandler(where);
            where.setContentHandler(validator);
            p = new Parser(reader, where, validator, context.createUnmarshaller());
            parser.set(p);
        }
        return p;
    }

    public T read(Path file) throws InputError {
        return parse(file).value();
    }

    /** A document and every date in it, each checked to be one kensa can assess and print. */
    public record Parsed<T>(T value, List<PlausibleDates.DateValue> dates) {}

    public Parsed<T> parse(Path file) throws InputError {
        checkReadable(file);
        limits.checkSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file, in);
        } catch (IOException e) {
            throw new InputError(file, "ファイルを読めません: " + e.getMessage(),
                    "ファイルの場所と読み取り権限を確認してください。");
        }
    }

    /** A document read from a stream; {@code file} names it in messages. */
    public Parsed<T> parse(Path file, InputStream in) throws InputError {
        AtomicReference<ValidationEvent> firstProblem = new AtomicReference<>();
        boolean ok = false;
        try {
            Parser p = parser();
            InputSource input = new InputSource(in);
            input.setSystemId(file.toUri().toString());
            p.unmarshaller().setEventHandler(event -> {
                firstProblem.compareAndSet(null, event);
                return false;
            });
            UnmarshallerHandler unmarshal = p.unmarshaller().getUnmarshallerHandler();
            ValueChecks dates = new ValueChecks(file, p.validator().getTypeInfoProvider(), limits);
            dates.setContentHandler(unmarshal);
            p.validator().setContentHandler(dates);
            p.reader().parse(input);
            Object result = unmarshal.getResult();
            T value = result instanceof JAXBElement<?> e ? rootType.cast(e.getValue()) : rootType.cast(result);
            ok = true;
            return new Parsed<>(value, List.copyOf(dates.values));
        } catch (UnmarshalException e) {
            throw explain(file, firstProblem.get(), e);
        } catch (SAXException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Refused bad) throw bad.error;
            }
            if (firstProblem.get() != null) throw explain(file, firstProblem.get(), null);
            if (e instanceof BadValue bad) {
                throw new InputError(file, bad.getLineNumber(), bad.getColumnNumber(),
                        XmlProblems.problem(bad.getMessage(), labels.name(bad.element, bad.attribute)), XmlProblems.fix(bad.getMessage()));
            }
            if (e instanceof SAXParseException parse) {
                throw new InputError(file, parse.getLineNumber(), parse.getColumnNumber(),
                        XmlProblems.problem(parse.getMessage()), XmlProblems.fix(parse.getMessage()));
            }
            throw new InputError(file, "XMLとして読めません: " + e.getMessage(), XmlProblems.GENERIC_FIX);
        } catch (JAXBException | ParserConfigurationException | ClassCastException e) {
            throw new InputError(file, "XMLとして読めません: " + e.getMessage(), XmlProblems.GENERIC_FIX);
        } catch (IOException e) {
            throw new InputError(file, "ファイルを読めません: " + e.getMessage(),
                    "ファイルの場所と読み取り権限を確認してください。");
        } finally {
            if (!ok) parser.remove(); // a parse that failed half-way starts the next one afresh
        }
    }

    /** The validator's objection to a value, with the element (and attribute) it was found in. */
    private static final class BadValue extends SAXParseException {
        final String element;
        final String attribute;

        BadValue(SAXParseException e, String element, String attribute) {
            super(e.getMessage(), e.getPublicId(), e.getSystemId(), e.getLineNumber(), e.getColumnNumber());
            this.element = element;
            this.attribute = attribute;
        }
    }

    /**
     * Sits between the parser and the schema validator, and is the validator's error handler: it knows which element
     * is starting (with its attributes) or ending when the validator objects to a value, which the validator's own
     * message does not say. Costs two field writes per element.
     */
    private static final class Whereabouts extends XMLFilterImpl {
        /** Schema messages about a value: the value is the first quoted word. */
        private static final java.util.regex.Pattern VALUE_PROBLEM = java.util.regex.Pattern.compile(
                "^cvc-(?:datatype-valid|enumeration-valid|min\\w+-valid|max\\w+-valid|pattern-valid|length-valid)[^']*'([^']*)'");
        private String element;
        private Attributes attributes; // valid only while its startElement runs, which is when the validator objects

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            element = localName;
            attributes = atts;
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            element = localName;
            attributes = null;
            super.endElement(uri, localName, qName);
        }

        @Override public void warning(SAXParseException e) {}
        @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }

        @Override
        public void error(SAXParseException e) throws SAXException {
            java.util.regex.Matcher value = VALUE_PROBLEM.matcher(String.valueOf(e.getMessage()));
            if (!value.find() || element == null) throw e;
            if (attributes != null) {
                for (int i = 0; i < attributes.getLength(); i++) {
                    if (attributes.getValue(i).equals(value.group(1))) throw new BadValue(e, element, attributes.getLocalName(i));
                }
            }
            throw new BadValue(e, element, null);
        }
    }

    /** An implausible date or too long a list, found while parsing; carries the message for the user. */
    private static final class Refused extends SAXException {
        final InputError error;

        Refused(InputError error) {
            super(error.problem());
            this.error = error;
        }
    }

    /**
     * Sits between the schema validator and JAXB: every value whose schema type is xs:date (or derived from it) is
     * checked by {@link PlausibleDates} and kept with its place, so a later check (against the assessment date) can
     * name the field and line too. It also counts the entries of each list, so that a huge file stops at the first
     * entry over its {@link Limits limit}, before the whole of it is in memory.
     */
    private static final class ValueChecks extends XMLFilterImpl {
        private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
        private final Path file;
        private final TypeInfoProvider types;
        final List<PlausibleDates.DateValue> values = new ArrayList<>();
        private Locator locator;
        private StringBuilder text;
        private String element;
        private int line;
        private int column;
        private final Limits limits;
        private final Map<String, Integer> counts = new java.util.HashMap<>();

        ValueChecks(Path file, TypeInfoProvider types, Limits limits) {
            this.file = file;
            this.types = types;
            this.limits = limits;
        }

        private static boolean isDate(TypeInfo t) {
            return t != null && (XSD.equals(t.getTypeNamespace()) && "date".equals(t.getTypeName())
                    || t.isDerivedFrom(XSD, "date", TypeInfo.DERIVATION_RESTRICTION));
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int l = locator == null ? -1 : locator.getLineNumber();
            int c = locator == null ? -1 : locator.getColumnNumber();
            Integer max = limits.maxEntries().get(localName);
            if (max != null && counts.merge(localName, 1, Integer::sum) > max) {
                throw new Refused(new InputError(file, l, c, localName + " が多すぎます(1つのファイルに " + String.format("%,d", max) + " 件まで)。",
                        "施設ごとにファイルを分けるか、同じものはまとめて書いてください(機器なら quantity に台数を)。上限は README の「安全と制限」にあります。"));
            }
            for (int i = 0; i < atts.getLength(); i++) {
                if (isDate(types.getAttributeTypeInfo(i))) check(new PlausibleDates.DateValue(localName, atts.getLocalName(i), atts.getValue(i), l, c));
            }
            if (isDate(types.getElementTypeInfo())) {
                text = new StringBuilder();
                element = localName;
                line = l;
                column = c;
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (text != null) text.append(ch, start, length);
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (text != null) {
                check(new PlausibleDates.DateValue(element, null, text.toString(), line, column));
                text = null;
            }
            super.endElement(uri, localName, qName);
        }

        private void check(PlausibleDates.DateValue v) throws Refused {
            InputError bad = PlausibleDates.printable(file, v);
            if (bad != null) throw new Refused(bad);
            values.add(v);
        }
    }

    /** Whatever was named or found that is not a readable, non-empty file gets its own reason (and is never read: a pipe would block). */
    private static void checkReadable(Path file) throws InputError {
        if (!Files.exists(file) && Files.isSymbolicLink(file)) {
            throw new InputError(file, "シンボリックリンクのリンク先がありません。", "リンク先のファイルを戻すか、リンクを削除してください。");
        }
        if (!Files.exists(file)) {
            throw new InputError(file, "ファイルがありません。", "ファイル名とフォルダを確認してください(パターンなら、一致するファイルがありません)。");
        }
        if (Files.isDirectory(file)) {
            try (var entries = Files.newDirectoryStream(file)) {
                entries.iterator().hasNext();
            } catch (IOException | RuntimeException e) {
                throw new InputError(file, "フォルダを読めません(" + (e instanceof java.nio.file.AccessDeniedException ? "権限がありません" : e.getMessage()) + ")。",
                        "フォルダの読み取り権限を確認してください。");
            }
            if (String.valueOf(file.getFileName()).endsWith(".xml")) {
                throw new InputError(file, "名前が .xml で終わるフォルダです。施設ファイルではないので評価しません(中の *.xml は別に評価します)。",
                        "フォルダの名前から .xml を外してください。");
            }
            throw new InputError(file, "このフォルダには施設ファイル(*.xml)がありません。",
                    "施設ファイルを置いたフォルダか、施設ファイルそのもの(例: " + file.resolve("施設.xml") + ")を指定してください。");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputError(file, "通常のファイルではありません(名前付きパイプやデバイスなど)。", "施設ファイル(XML)を保存したファイルを指定してください。");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InputError(file, "ファイルが空です。",
                        "質問票から書き出した施設ファイル、または checklists/examples/ の例を元に内容を書いてください。");
            }
        } catch (IOException e) {
            throw new InputError(file, "ファイルを読めません: " + e.getMessage(),
                    "ファイルの場所と読み取り権限を確認してください。");
        }
    }

    private static InputError explain(Path file, ValidationEvent event, UnmarshalException e) {
        if (event != null) {
            ValidationEventLocator at = event.getLocator();
            String message = event.getMessage();
            Throwable cause = event.getLinkedException();
            if (cause instanceof SAXParseException parse && parse.getMessage() != null) message = parse.getMessage();
            return new InputError(file, at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber(),
                    XmlProblems.problem(message), XmlProblems.fix(message));
        }
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
        if (cause instanceof SAXParseException parse) {
            return new InputError(file, parse.getLineNumber(), parse.getColumnNumber(),
                    XmlProblems.problem(parse.getMessage()), XmlProblems.fix(parse.getMessage()));
        }
        return new InputError(file, XmlProblems.problem(String.valueOf(cause.getMessage())), XmlProblems.GENERIC_FIX);
    }
}
