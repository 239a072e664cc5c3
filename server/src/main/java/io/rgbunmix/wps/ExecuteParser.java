package io.rgbunmix.wps;

import io.rgbunmix.ancillary.ClientXml;
import io.rgbunmix.ancillary.XmlErrors;
import io.rgbunmix.execution.GivenValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Reads WPS requests from KVP parameters and from XML bodies. XML is read as a stream (StAX): complex
 * inputs go straight to staging files, base64 decoded on the way, so memory does not grow with the
 * size of an inline GeoTIFF. A DOCTYPE (and with it any entity, external or expanding) is refused.
 */
final class ExecuteParser {
    private static final XMLInputFactory INPUT = ClientXml.newInputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        INPUT.setProperty(XMLInputFactory.IS_COALESCING, false);
        // a copied subtree (inline GML, a nested Execute) must declare the prefixes its ancestors declared
        OUTPUT.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
    }

    private static final QName MIME_TYPE = new QName("mimeType");
    private static final QName ENCODING = new QName("encoding");
    private static final QName METHOD = new QName("method");
    private static final QName HREF = new QName(WpsDocuments.XLINK, "href");

    private ExecuteParser() {
    }

    /** A request's root element and the identifiers directly below it (for DescribeProcess). */
    /**
     * What a POSTed request is: its root element, its ows:Identifier children, its {@code version}
     * attribute (null when absent) and the ows:Version values of a GetCapabilities' AcceptVersions.
     */
    record Root(String namespace, String name, List<String> identifiers, String version, List<String> acceptVersions) {
    }

    private static XMLEventReader open(InputStream in) throws XMLStreamException {
        // the encoding is the document's own (its byte order mark or declaration; UTF-8 without either)
        return INPUT.createXMLEventReader(in);
    }

    private static XMLEvent next(XMLEventReader reader) throws WpsException, XMLStreamException {
        XMLEvent event = reader.nextEvent();
        if (event.getEventType() == XMLEvent.DTD) {
            throw WpsException.client("NoApplicableCode", null, "XML with a DOCTYPE declaration is not accepted");
        }
        return event;
    }

    private static WpsException malformed(Exception e) {
        return WpsException.client("NoApplicableCode", null, "the request is not well-formed XML: "
                + XmlErrors.describe(e));
    }

    /** Reads the root element's name and its ows:Identifier children (enough for GetCapabilities and DescribeProcess). */
    static Root root(Path body) throws WpsException, IOException {
        try (InputStream in = Files.newInputStream(body)) {
            XMLEventReader reader = open(in);
            StartElement root = null;
            List<String> identifiers = new ArrayList<>();
            List<String> versions = new ArrayList<>();
            int depth = 0;
            while (reader.hasNext()) {
                XMLEvent event = next(reader);
                if (event.isStartElement()) {
                    depth++;
                    if (root == null) {
                        root = event.asStartElement();
                        if (root.getName().getLocalPart().equals("Execute")) {
                            break;   // fromXml reads the rest: large bodies are parsed once, and only once admitted
                        }
                    } else if (depth == 2 && isOws(event.asStartElement(), "Identifier")) {
                        identifiers.add(text(reader));
                        depth--;
                    } else if (depth == 3 && isOws(event.asStartElement(), "Version")) {
                        versions.add(text(reader).trim());
                        depth--;
                    }
                } else if (event.isEndElement()) {
                    depth--;
                }
            }
            if (root == null) {
                throw WpsException.client("NoApplicableCode", null, "the request body holds no XML element");
            }
            var version = root.getAttributeByName(new javax.xml.namespace.QName("version"));
            return new Root(root.getName().getNamespaceURI(), root.getName().getLocalPart(), identifiers,
                    version == null ? null : version.getValue().trim(), versions);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (java.util.MissingResourceException e) {
            // the JDK's parser lacks the message for some errors and fails on that instead
            throw WpsException.client("NoApplicableCode", null, "the request is not well-formed XML");
        }
    }

    /** An XML wps:Execute; complex inputs are written to files in {@code folder}. */
    static ExecuteRequest fromXml(Path body, Path folder) throws WpsException, IOException {
        try (InputStream in = Files.newInputStream(body)) {
            XMLEventReader reader = open(in);
            String identifier = null;
            Map<String, List<GivenValue>> inputs = new LinkedHashMap<>();
            List<ExecuteRequest.Output> outputs = new ArrayList<>();
            boolean raw = false;
            boolean store = false;
            boolean status = false;
            boolean lineage = false;
            int depth = 0;
            while (reader.hasNext()) {
                XMLEvent event = next(reader);
                if (event.isEndElement()) {
                    depth--;
                    continue;
                }
                if (!event.isStartElement()) {
                    continue;
                }
                depth++;
                StartElement element = event.asStartElement();
                if (depth == 2 && isOws(element, "Identifier")) {
                    identifier = text(reader);
                    depth--;
                } else if (isWps(element, "Input")) {
                    readInput(reader, folder, inputs);
                    depth--;
                } else if (isWps(element, "ResponseDocument")) {
                    store = bool(element, "storeExecuteResponse");
                    status = bool(element, "status");
                    lineage = bool(element, "lineage");
                } else if (isWps(element, "RawDataOutput") || isWps(element, "Output")) {
                    raw |= isWps(element, "RawDataOutput");
                    outputs.add(new ExecuteRequest.Output(identifierOf(reader), attribute(element, MIME_TYPE),
                            bool(element, "asReference")));
                    depth--;
                }
            }
            if (identifier == null || identifier.isBlank()) {
                throw WpsException.client("MissingParameterValue", "Identifier", "the Execute request names no process");
            }
            return new ExecuteRequest(identifier, inputs, outputs, raw, store, status, lineage);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (java.util.MissingResourceException e) {
            // the JDK's parser lacks the message for some errors and fails on that instead
            throw WpsException.client("NoApplicableCode", null, "the request is not well-formed XML");
        }
    }

    /** Reads one wps:Input, from just after its start tag to its end tag. */
    private static void readInput(XMLEventReader reader, Path folder, Map<String, List<GivenValue>> inputs)
            throws XMLStreamException, WpsException, IOException {
        String name = null;
        GivenValue value = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement() && isWps(event.asEndElement().getName(), "Input")) {
                break;
            }
            if (!event.isStartElement()) {
                continue;
            }
            StartElement element = event.asStartElement();
            if (isOws(element, "Identifier")) {
                name = text(reader);
            } else if (isWps(element, "LiteralData")) {
                value = new GivenValue.Literal(text(reader));
            } else if (isWps(element, "ComplexData")) {
                Path file = Files.createTempFile(folder, "input-", ".dat");
                copyContent(reader, file, name, "base64".equalsIgnoreCase(attribute(element, ENCODING))
                        || String.valueOf(attribute(element, MIME_TYPE)).startsWith("image/"));
                value = new GivenValue.Inline(attribute(element, MIME_TYPE), file);
            } else if (isWps(element, "Reference")) {
                value = readReference(reader, element);
            } else if (!isWps(element, "Data")) {
                skip(reader); // Title, Abstract, anything unknown; wps:Data is entered: its child says what it holds
            }
        }
        if (name == null || value == null) {
            throw WpsException.client("MissingParameterValue", name, "input '" + name + "' has no Data or Reference");
        }
        inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static GivenValue.Reference readReference(XMLEventReader reader, StartElement reference)
            throws XMLStreamException, WpsException {
        String body = null;
        String bodyReference = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement() && isWps(event.asEndElement().getName(), "Reference")) {
                break;
            }
            if (event.isStartElement()) {
                StartElement element = event.asStartElement();
                if (isWps(element, "Body")) {
                    body = serialiseContent(reader);
                } else if (isWps(element, "BodyReference")) {
                    bodyReference = attribute(element, HREF);
                    skip(reader);
                } else {
                    skip(reader);
                }
            }
        }
        return new GivenValue.Reference(attribute(reference, HREF), attribute(reference, MIME_TYPE),
                attribute(reference, METHOD), body, bodyReference);
    }

    /**
     * Writes an element's content to {@code file}: a child element (inline GML) is copied as XML, text
     * (GeoJSON, CSV) as UTF-8, or, when {@code base64}, decoded. Streams: nothing is held whole.
     */
    private static void copyContent(XMLEventReader reader, Path file, String input, boolean base64)
            throws XMLStreamException, IOException, WpsException {
        XMLEvent peek = reader.peek();
        while (peek != null && peek.isCharacters() && peek.asCharacters().isWhiteSpace()) {
            reader.nextEvent();
            peek = reader.peek();
        }
        if (peek != null && peek.isStartElement()) {
            try (OutputStream out = Files.newOutputStream(file)) {
                XMLEventWriter writer = OUTPUT.createXMLEventWriter(out, "UTF-8");
                copyElement(reader, writer);
                writer.close();
            }
            skip(reader);
            return;
        }
        Path text = base64 ? file.resolveSibling(file.getFileName() + ".b64") : file;
        try (Writer out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
            while (true) {
                XMLEvent event = next(reader);
                if (event.isEndElement()) {
                    break;
                }
                if (event.isCharacters()) {
                    out.write(event.asCharacters().getData());
                }
            }
        }
        if (base64) {
            // the decoding stream reads its source byte by byte: buffer it, or each byte is a system call
            try (InputStream in = Base64.getMimeDecoder().wrap(new BufferedInputStream(Files.newInputStream(text)));
                 OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            } catch (IllegalArgumentException | IOException e) {
                throw WpsException.client("InvalidParameterValue", input, "input '" + input
                        + "' is not valid base64: " + e.getMessage());
            } finally {
                Files.deleteIfExists(text);
            }
        }
    }

    /** Copies one element (the reader is just before its start tag) and its subtree. */
    private static void copyElement(XMLEventReader reader, XMLEventWriter writer) throws XMLStreamException, WpsException {
        int depth = 0;
        do {
            XMLEvent event = next(reader);
            if (event.isStartElement()) {
                depth++;
            } else if (event.isEndElement()) {
                depth--;
            }
            writer.add(event);
        } while (depth > 0);
    }

    /** An element's content as a string: its first child element as XML, or its text. For small bodies. */
    private static String serialiseContent(XMLEventReader reader) throws XMLStreamException, WpsException {
        XMLEvent peek = reader.peek();
        while (peek != null && peek.isCharacters() && peek.asCharacters().isWhiteSpace()) {
            reader.nextEvent();
            peek = reader.peek();
        }
        if (peek != null && peek.isStartElement()) {
            StringWriter out = new StringWriter();
            XMLEventWriter writer = OUTPUT.createXMLEventWriter(out);
            copyElement(reader, writer);
            writer.close();
            skip(reader);
            return out.toString();
        }
        return text(reader);
    }

    /** The text up to the current element's end tag. */
    private static String text(XMLEventReader reader) throws XMLStreamException, WpsException {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isStartElement()) {
                depth++;
            } else if (event.isEndElement()) {
                if (depth-- == 0) {
                    return text.toString().trim();
                }
            } else if (event.isCharacters()) {
                text.append(event.asCharacters().getData());
            }
        }
    }

    private static String identifierOf(XMLEventReader reader) throws XMLStreamException, WpsException {
        String identifier = null;
        int depth = 0;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isStartElement()) {
                if (isOws(event.asStartElement(), "Identifier")) {
                    identifier = text(reader);
                } else {
                    depth++;
                }
            } else if (event.isEndElement() && depth-- == 0) {
                return identifier;
            }
        }
    }

    /** Consumes everything up to the current element's end tag. */
    private static void skip(XMLEventReader reader) throws XMLStreamException, WpsException {
        text(reader);
    }

    private static boolean isWps(StartElement element, String name) {
        return isWps(element.getName(), name);
    }

    private static boolean isWps(QName qname, String name) {
        return WpsDocuments.WPS.equals(qname.getNamespaceURI()) && name.equals(qname.getLocalPart());
    }

    private static boolean isOws(StartElement element, String name) {
        return WpsDocuments.OWS.equals(element.getName().getNamespaceURI()) && name.equals(element.getName().getLocalPart());
    }

    private static String attribute(StartElement element, QName name) {
        Attribute attribute = element.getAttributeByName(name);
        return attribute == null ? null : attribute.getValue();
    }

    private static boolean bool(StartElement element, String name) {
        return Boolean.parseBoolean(attribute(element, new QName(name)));
    }

    /** From KVP: {@code identifier}, {@code DataInputs}, {@code ResponseDocument} or {@code RawDataOutput}, ... */
    static ExecuteRequest fromKvp(Map<String, String> kvp, Path folder) throws WpsException, IOException {
        String identifier = required(kvp, "identifier");
        Map<String, List<GivenValue>> inputs = new LinkedHashMap<>();
        String dataInputs = kvp.get("datainputs");
        if (dataInputs != null && !dataInputs.isBlank()) {
            for (String item : dataInputs.split(";")) {
                if (item.isBlank()) {
                    continue;
                }
                String[] parts = item.split("@", -1);
                String[] nameValue = parts[0].split("=", 2);
                if (nameValue.length != 2 || nameValue[0].isBlank()) {
                    throw WpsException.client("InvalidParameterValue", "DataInputs", "DataInputs items are "
                            + "name=value, separated by ';', got '" + item + "'");
                }
                Map<String, String> attributes = attributes(parts);
                GivenValue input;
                if (attributes.containsKey("href") || attributes.containsKey("xlink:href")) {
                    input = new GivenValue.Reference(attributes.getOrDefault("href", attributes.get("xlink:href")),
                            attributes.get("mimetype"), attributes.getOrDefault("method", "GET"), null, null);
                } else if (attributes.containsKey("mimetype")) {
                    Path file = Files.createTempFile(folder, "input-", ".dat");
                    try {
                        Files.write(file, "base64".equalsIgnoreCase(attributes.get("encoding"))
                                ? Base64.getMimeDecoder().decode(nameValue[1])
                                : nameValue[1].getBytes(StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw WpsException.client("InvalidParameterValue", nameValue[0], "input '" + nameValue[0]
                                + "' is not valid base64");
                    }
                    input = new GivenValue.Inline(attributes.get("mimetype"), file);
                } else {
                    input = new GivenValue.Literal(nameValue[1]);
                }
                inputs.computeIfAbsent(nameValue[0].trim(), k -> new ArrayList<>()).add(input);
            }
        }
        String raw = kvp.get("rawdataoutput");
        String document = kvp.get("responsedocument");
        List<ExecuteRequest.Output> outputs = new ArrayList<>();
        for (String item : (raw != null ? raw : document != null ? document : "").split(";")) {
            if (!item.isBlank()) {
                String[] parts = item.split("@", -1);
                String output = parts[0].split("=", 2)[0].trim();
                if (output.isEmpty()) {
                    throw WpsException.client("InvalidParameterValue", raw != null ? "RawDataOutput" : "ResponseDocument",
                            "each output is named first, as in result@mimeType=application/json; got '" + item + "'");
                }
                Map<String, String> attributes = attributes(parts);
                outputs.add(new ExecuteRequest.Output(output, attributes.get("mimetype"),
                        Boolean.parseBoolean(attributes.get("asreference"))));
            }
        }
        return new ExecuteRequest(identifier, inputs, outputs, raw != null,
                Boolean.parseBoolean(kvp.getOrDefault("storeexecuteresponse", "false")),
                Boolean.parseBoolean(kvp.getOrDefault("status", "false")),
                Boolean.parseBoolean(kvp.getOrDefault("lineage", "false")));
    }

    private static Map<String, String> attributes(String[] parts) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            attributes.put(kv[0].trim().toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
        }
        return attributes;
    }

    static String required(Map<String, String> kvp, String name) throws WpsException {
        String value = kvp.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            throw WpsException.client("MissingParameterValue", name, "parameter '" + name + "' is required");
        }
        return value;
    }
}
