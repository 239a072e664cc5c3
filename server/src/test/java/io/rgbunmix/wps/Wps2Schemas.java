package io.rgbunmix.wps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/**
 * The official WPS 2.0 and OWS 2.0 schemas from Maven Central's org.jvnet.ogc:ogc-schemas, loaded from the jar.
 * They import OGC's and the W3C's schemas by URL: those are answered from the same jar and from
 * org.hisrc.w3c:w3c-schemas, and anything else over the network is refused.
 */
final class Wps2Schemas {
    private static Schema schema;

    private Wps2Schemas() {
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            URL wps = resource("ogc/wps/2.0/wps.xsd");
            DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance()
                    .getDOMImplementation("LS");
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            // the W3C's XMLSchema.xsd, which WPS 2.0 imports, names its DTD beside it in the jar
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "jar");
            // OWS 2.0's owsAdditionalParameters.xsd restricts a particle in a way strict schema checking rejects
            // (rcase-NameAndTypeOK); that checks the schemas themselves, not the documents validated with them
            factory.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
            factory.setResourceResolver((type, namespace, publicId, systemId, base) -> {
                try {
                    String absolute = base == null ? systemId : new URL(new URL(base), systemId).toExternalForm();
                    URL local = absolute.startsWith("http://schemas.opengis.net/") ? resource("ogc/" + absolute.substring(27))
                            : absolute.startsWith("http://www.w3.org/") ? resource("w3c/" + absolute.substring(18))
                            : new URL(absolute);
                    LSInput input = ls.createLSInput();
                    input.setSystemId(local.toExternalForm());
                    input.setByteStream(local.openStream());
                    return input;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            schema = factory.newSchema(new StreamSource(wps.openStream(), wps.toExternalForm()));
        }
        return schema;
    }

    private static URL resource(String path) {
        URL url = Wps2Schemas.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is not on the test classpath (ogc-schemas, w3c-schemas)");
        }
        return url;
    }

    /** Throws with the validator's message if the document does not validate. */
    static void validate(byte[] document) throws Exception {
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
