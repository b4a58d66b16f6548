package kensa.xml;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The words a schema gives its elements and attributes ({@code xs:documentation}), so that a message names a field
 * as people know it: 「確認日(この回答を確認した日)(assessmentDate)」. Read from the XSD only when a message needs it.
 */
final class FieldLabels {
    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private final Path xsd;
    private volatile Map<String, String> byName;

    FieldLabels(Path xsd) {
        this.xsd = xsd;
    }

    /** The field in words: its documentation and its name; for an attribute, the element it is on as well. */
    String name(String element, String attribute) {
        String name = attribute == null ? element : element + " の " + attribute;
        String words = labels().get(attribute == null ? element : attribute);
        return words == null ? "「" + name + "」" : words + "(" + name + ")";
    }

    /** The declaration's own xs:annotation/xs:documentation (not that of a type nested in it). */
    private static String ownDocumentation(Element declaration) {
        for (var a = declaration.getFirstChild(); a != null; a = a.getNextSibling()) {
            if (a instanceof Element annotation && "annotation".equals(annotation.getLocalName())) {
                for (var d = annotation.getFirstChild(); d != null; d = d.getNextSibling()) {
                    if (d instanceof Element doc && "documentation".equals(doc.getLocalName())) return doc.getTextContent().strip();
                }
            }
        }
        return "";
    }

    /** Name → documentation, for names every declaration of which says the same (else a name alone is clearer). */
    private Map<String, String> labels() {
        Map<String, String> labels = byName;
        if (labels != null) return labels;
        labels = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
            for (Map.Entry<String, Boolean> f : SecureXml.PARSER_FEATURES.entrySet()) factory.setFeature(f.getKey(), f.getValue());
            Element root = factory.newDocumentBuilder().parse(xsd.toFile()).getDocumentElement();
            for (String kind : new String[] {"element", "attribute"}) {
                NodeList declared = root.getElementsByTagNameNS(XS, kind);
                for (int i = 0; i < declared.getLength(); i++) {
                    Element e = (Element) declared.item(i);
                    String name = e.getAttribute("name");
                    if (name.isEmpty()) continue;
                    String words = ownDocumentation(e); // "" for none: then another declaration's words may not fit
                    String before = labels.putIfAbsent(name, words);
                    if (before != null && !before.equals(words)) ambiguous.add(name);
                }
            }
        } catch (Exception e) { // only words for a message: without them the message names the field alone
            labels.clear();
        }
        ambiguous.forEach(labels::remove);
        labels.values().removeIf(String::isEmpty);
        byName = Map.copyOf(labels);
        return byName;
    }
}
