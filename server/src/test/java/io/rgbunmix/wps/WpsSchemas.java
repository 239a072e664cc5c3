package io.rgbunmix.wps;

import java.io.ByteArrayInputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * The official WPS 1.0.0 and OWS 1.1.0 schemas from Maven Central's org.jvnet.ogc:wps-v_1_0_0-schema,
 * loaded from the jar (their imports are relative); fetching anything over the network is refused.
 */
final class WpsSchemas {
    private static Schema schema;

    private WpsSchemas() {
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            URL all = WpsSchemas.class.getClassLoader().getResource("wps/1.0.0/wpsAll.xsd");
            if (all == null) {
                throw new IllegalStateException("wps-v_1_0_0-schema is not on the test classpath");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            schema = factory.newSchema(new StreamSource(all.openStream(), all.toExternalForm()));
        }
        return schema;
    }

    /** Throws with the validator's message if the document does not validate. */
    static void validate(byte[] document) throws Exception {
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
