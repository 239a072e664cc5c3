package io.rgbunmix.ancillary;

import org.w3c.dom.Element;

/** The GML namespaces read: GML 2 and 3.1 share one, GML 3.2 has its own. */
final class GmlNames {
    static final String GML = "http://www.opengis.net/gml";
    static final String GML32 = "http://www.opengis.net/gml/3.2";

    private GmlNames() {
    }

    static boolean isGml(Element element) {
        return GML.equals(element.getNamespaceURI()) || GML32.equals(element.getNamespaceURI());
    }
}
