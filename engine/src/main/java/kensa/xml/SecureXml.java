package kensa.xml;

import java.nio.file.Path;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The one place that says how kensa's XML parsers and schemas are locked down: no DOCTYPE, no external entities, no network. */
public final class SecureXml {
    /** Parser features, for a SAX or DOM parser factory (each has its own setFeature). */
    public static final Map<String, Boolean> PARSER_FEATURES = Map.of(
            XMLConstants.FEATURE_SECURE_PROCESSING, true,
            "http://apache.org/xml/features/disallow-doctype-decl", true,
            "http://xml.org/sax/features/external-general-entities", false,
            "http://xml.org/sax/features/external-parameter-entities", false,
            "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);

    /** An XSD read with no DTD access; xs:import may only name a sibling file. */
    public static Schema schema(Path xsd) throws SAXException {
        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return schemas.newSchema(xsd.toFile());
    }

    private SecureXml() {}
}
