package kensa.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What facility.xsd says about each field, read once at start: for every path from the facility element
 * ("name", "devices/device/@kind"), its answer type, allowed values with their Japanese labels
 * (xs:documentation), whether it is required, and the order of child elements that a sequence requires.
 * The questionnaire takes its types from here, so the form and the validator cannot disagree.
 */
public final class FacilitySchema {
    public static final String NS = "urn:kensa:facility:1";
    private static final String XS = "http://www.w3.org/2001/XMLSchema";

    /** How a field is answered. */
    public enum Kind { BOOLEAN, DATE, COUNT, TEXT, CHOICE, ELEMENT }

    public record Choice(String value, String label) {}

    /**
     * One element or attribute. {@code list} marks an element whose content is a repeated element
     * (devices → device): empty means "none", so it is never removed for being empty.
     */
    public record Field(String path, String name, boolean attribute, Kind kind, List<Choice> choices, boolean required,
                        boolean repeated, boolean list, String documentation) {
        public String label(String value) {
            for (Choice c : choices) if (c.value().equals(value)) return c.label();
            return value;
        }
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    /** Element path → its child elements' names in the order the sequence requires. */
    private final Map<String, List<String>> childOrder = new HashMap<>();
    private final Map<String, Element> complexTypes = new HashMap<>();
    private final Map<String, Element> simpleTypes = new HashMap<>();

    public static FacilitySchema load(Path xsd) {
        try {
            return new FacilitySchema(SafeXml.parse(xsd));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read " + xsd + ": " + e.getMessage(), e);
        }
    }

    private FacilitySchema(Document xsd) {
        Element root = xsd.getDocumentElement();
        Element facility = null;
        for (Element e : children(root)) {
            String name = e.getAttribute("name");
            switch (e.getLocalName()) {
                case "complexType" -> complexTypes.put(name, e);
                case "simpleType" -> simpleTypes.put(name, e);
                case "element" -> facility = e;
                default -> { }
            }
        }
        if (facility == null) throw new IllegalStateException("facility.xsd has no root element");
        walk("", complexTypes.get(local(facility.getAttribute("type"))));
    }

    /** Every field in schema order (elements before their attributes' children, depth first). */
    public Map<String, Field> fields() { return Collections.unmodifiableMap(fields); }

    public Field field(String path) { return fields.get(path); }

    /** The child elements of the element at this path, in the order its sequence requires (empty for none). */
    public List<String> childOrder(String elementPath) { return childOrder.getOrDefault(elementPath, List.of()); }

    private void walk(String path, Element complexType) {
        List<String> order = new ArrayList<>();
        for (Element part : children(complexType)) {
            switch (part.getLocalName()) {
                case "sequence" -> {
                    for (Element el : children(part)) {
                        if (!el.getLocalName().equals("element")) continue;
                        String name = el.getAttribute("name");
                        order.add(name);
                        String childPath = path.isEmpty() ? name : path + "/" + name;
                        boolean repeated = "unbounded".equals(el.getAttribute("maxOccurs"));
                        boolean required = !"0".equals(el.getAttribute("minOccurs"));
                        String type = local(el.getAttribute("type"));
                        Element complex = complexTypes.get(type);
                        if (complex != null) {
                            fields.put(childPath, new Field(childPath, name, false, Kind.ELEMENT, List.of(), required, repeated,
                                    isList(complex), documentation(el, complex)));
                            walk(childPath, complex);
                        } else {
                            put(childPath, name, false, el.getAttribute("type"), required, repeated, documentation(el, null));
                        }
                    }
                }
                case "attribute" -> {
                    String name = part.getAttribute("name");
                    put(path + "/@" + name, name, true, part.getAttribute("type"), "required".equals(part.getAttribute("use")),
                            false, documentation(part, null));
                }
                default -> { }
            }
        }
        childOrder.put(path, List.copyOf(order));
    }

    private void put(String path, String name, boolean attribute, String type, boolean required, boolean repeated, String doc) {
        List<Choice> choices = new ArrayList<>();
        Kind kind = kind(type, choices);
        fields.put(path, new Field(path, name, attribute, kind, List.copyOf(choices), required, repeated, false, doc));
    }

    private Kind kind(String type, List<Choice> choices) {
        String local = local(type);
        if (type.startsWith("xs:")) {
            return switch (local) {
                case "boolean" -> {
                    choices.add(new Choice("true", "はい"));
                    choices.add(new Choice("false", "いいえ"));
                    yield Kind.BOOLEAN;
                }
                case "date" -> Kind.DATE;
                case "int", "integer", "nonNegativeInteger" -> Kind.COUNT;
                default -> Kind.TEXT;
            };
        }
        Element simple = simpleTypes.get(local);
        if (simple == null) throw new IllegalStateException("facility.xsd: unknown type " + type);
        for (Element restriction : children(simple)) {
            if (!restriction.getLocalName().equals("restriction")) continue;
            for (Element facet : children(restriction)) {
                if (facet.getLocalName().equals("enumeration")) {
                    String value = facet.getAttribute("value");
                    String doc = documentation(facet, null);
                    choices.add(new Choice(value, doc == null ? value : doc));
                }
            }
            if (!choices.isEmpty()) return Kind.CHOICE;
            return kind(restriction.getAttribute("base"), choices);
        }
        throw new IllegalStateException("facility.xsd: type " + type + " is not a restriction");
    }

    private boolean isList(Element complexType) {
        for (Element part : children(complexType)) {
            if (!part.getLocalName().equals("sequence")) continue;
            List<Element> els = children(part);
            return els.size() == 1 && "unbounded".equals(els.get(0).getAttribute("maxOccurs"));
        }
        return false;
    }

    private static String documentation(Element declaration, Element type) {
        for (Element owner : type == null ? List.of(declaration) : List.of(declaration, type)) {
            for (Element annotation : children(owner)) {
                if (!annotation.getLocalName().equals("annotation")) continue;
                for (Element doc : children(annotation)) {
                    if (doc.getLocalName().equals("documentation")) return doc.getTextContent().strip();
                }
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI())) out.add(e);
        }
        return out;
    }

    private static String local(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }
}
