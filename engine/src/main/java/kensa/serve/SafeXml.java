package kensa.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import kensa.xml.SecureXml;
import org.xml.sax.helpers.DefaultHandler;

/** DOM reading and writing without DOCTYPE, external entities or network access (as kensa.xml.XmlFiles reads). */
final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = factory();

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            for (Map.Entry<String, Boolean> feature : SecureXml.PARSER_FEATURES.entrySet()) f.setFeature(feature.getKey(), feature.getValue());
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(Path file) throws IOException, SAXException, ParserConfigurationException {
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            return builder().parse(source);
        }
    }

    static Document parse(byte[] bytes, Path file) throws IOException, SAXException, ParserConfigurationException {
        InputSource source = new InputSource(new java.io.ByteArrayInputStream(bytes));
        source.setSystemId(file.toUri().toString());
        return builder().parse(source);
    }

    static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilder b;
        synchronized (FACTORY) {
            b = FACTORY.newDocumentBuilder();
        }
        b.setErrorHandler(new DefaultHandler() {
            @Override public void warning(org.xml.sax.SAXParseException e) {}
            @Override public void error(org.xml.sax.SAXParseException e) throws SAXException { throw e; }
        });
        return b;
    }

    /**
     * The document as text: the declaration, then each top-level node on its own line (comments before the
     * root element stay where they were), keeping the whitespace and comments inside as they are.
     */
    static String write(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
                StringWriter part = new StringWriter();
                t.transform(new DOMSource(n), new StreamResult(part));
                out.append(part).append('\n');
            }
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the facility file: " + e.getMessage(), e);
        }
    }

    private SafeXml() {}
}
