package io.rgbunmix.ancillary;

import javax.xml.stream.XMLInputFactory;

/** How XML from a client is parsed, wherever it is read: GML features, WPS requests, their documents. */
public final class ClientXml {
    /**
     * The deepest nesting of elements accepted. Real WFS collections and WPS requests stay under 30
     * levels; 100,000 would overflow the JDK writer that copies inline XML, and recursion anywhere.
     */
    public static final int MAX_DEPTH = 1000;

    private ClientXml() {
    }

    /** A StAX factory that reads no DTD and no external entity, and refuses nesting beyond {@link #MAX_DEPTH}. */
    public static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty("jdk.xml.maxElementDepth", MAX_DEPTH);
        return factory;
    }
}
