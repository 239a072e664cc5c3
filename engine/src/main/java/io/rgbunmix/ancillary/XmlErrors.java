package io.rgbunmix.ancillary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/** An XML parser's complaint in words for the client: what and where, without the parser's internals. */
public final class XmlErrors {
    /** The JDK parser names an unbound prefix by a spec URL: "...#ElementPrefixUnbound?wfs&wfs:FeatureCollection". */
    private static final Pattern UNBOUND = Pattern.compile("#(Element|Attribute)PrefixUnbound\\?([^&]*)&(\\S+)");

    private XmlErrors() {
    }

    /** E.g. "the element type "a" must be terminated by the matching end-tag "</a>" at line 1, column 40". */
    public static String describe(Exception e) {
        Throwable cause = e;
        while (!(cause instanceof XMLStreamException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int cut = message.indexOf("Message: ");
        if (cut >= 0) {
            message = message.substring(cut + "Message: ".length());
        }
        if (message.contains("JAXP00010006")) {   // the JDK's words for jdk.xml.maxElementDepth
            message = "elements are nested more than " + ClientXml.MAX_DEPTH + " levels deep";
        }
        message = message.replaceFirst("^JAXP\\d+: ", "");
        Matcher unbound = UNBOUND.matcher(message);
        if (unbound.find()) {
            message = "the prefix '" + unbound.group(2) + "' of '" + unbound.group(3) + "' is not bound to a namespace";
        }
        message = message.strip();
        Location at = cause instanceof XMLStreamException x ? x.getLocation() : null;
        return at == null || at.getLineNumber() < 1 ? message
                : message + " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }
}
