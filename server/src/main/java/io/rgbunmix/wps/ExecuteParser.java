package io.rgbunmix.wps;

import io.rgbunmix.ancillary.ClientXml;
import io.rgbunmix.ancillary.XmlErrors;
import io.rgbunmix.execution.GivenValue;
import io.rgbunmix.processes.Box;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
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
    private static final QName ID = new QName("id");
    private static final QName HREF = new QName(WpsDocuments.XLINK, "href");

    private ExecuteParser() {
    }

    /**
     * What a POSTed request is: its root element, its ows:Identifier children (OWS 1.1 or 2.0), its {@code version}
     * attribute (null when absent), the ows:Version values of a GetCapabilities' AcceptVersions, and the wps:JobID of
     * a WPS 2.0 GetStatus, GetResult or Dismiss (null when absent).
     */
    record Root(String namespace, String name, List<String> identifiers, String version, List<String> acceptVersions,
                String jobId) {
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
            String jobId = null;
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
                    } else if (depth == 2 && is(event.asStartElement().getName(), Wps2Documents.WPS, "JobID")) {
                        jobId = text(reader);
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
                    version == null ? null : version.getValue().trim(), versions, jobId);
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

    /** The description of the process a WPS 2.0 Execute names, or the refusal of an unknown one. */
    interface Processes {
        ProcessDescription describe(String identifier) throws WpsException;
    }

    /**
     * A WPS 2.0 wps:Execute; complex inputs are written to files in {@code folder}. A wps:Data holds a literal or a
     * complex value alike, so the process's description (looked up by the ows:Identifier, which comes first) says
     * which a given input takes.
     */
    static Execute2Request fromXml2(Path body, Path folder, Processes processes) throws WpsException, IOException {
        try (InputStream in = Files.newInputStream(body)) {
            XMLEventReader reader = open(in);
            ProcessDescription process = null;
            String mode = null;
            String response = null;
            Map<String, List<GivenValue>> inputs = new LinkedHashMap<>();
            List<Execute2Request.Output> outputs = new ArrayList<>();
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
                if (depth == 1) {
                    mode = attribute(element, new QName("mode"));
                    response = attribute(element, new QName("response"));
                } else if (depth == 2 && isOws(element, "Identifier")) {
                    process = processes.describe(text(reader));
                    depth--;
                } else if (depth == 2 && is(element.getName(), Wps2Documents.WPS, "Input")) {
                    if (process == null) {
                        throw WpsException.client("MissingParameterValue", "Identifier",
                                "the Execute request names no process before its inputs");
                    }
                    readInput2(reader, element, folder, process, inputs);
                    depth--;
                } else if (depth == 2 && is(element.getName(), Wps2Documents.WPS, "Output")) {
                    String id = attribute(element, ID);
                    if (id == null || id.isBlank()) {
                        throw WpsException.client("MissingParameterValue", "Output", "each wps:Output needs an id");
                    }
                    String transmission = attribute(element, new QName("transmission"));
                    if (transmission != null && !transmission.equals("value") && !transmission.equals("reference")) {
                        throw WpsException.client("InvalidParameterValue", id, "output '" + id
                                + "': transmission is 'value' or 'reference', not '" + transmission + "'");
                    }
                    outputs.add(new Execute2Request.Output(id, attribute(element, MIME_TYPE),
                            "reference".equals(transmission)));
                    skip(reader);
                    depth--;
                }
            }
            if (process == null) {
                throw WpsException.client("MissingParameterValue", "Identifier", "the Execute request names no process");
            }
            return new Execute2Request(process.wpsIdentifier(), inputs, outputs, mode(mode), raw(response));
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (java.util.MissingResourceException e) {
            throw WpsException.client("NoApplicableCode", null, "the request is not well-formed XML");
        }
    }

    private static Execute2Request.Mode mode(String mode) throws WpsException {
        if (mode == null) {
            throw WpsException.client("MissingParameterValue", "mode", "the Execute request needs a mode: sync, "
                    + "async or auto");
        }
        return switch (mode.trim()) {
            case "sync" -> Execute2Request.Mode.SYNC;
            case "async" -> Execute2Request.Mode.ASYNC;
            case "auto" -> Execute2Request.Mode.AUTO;
            default -> throw WpsException.client("NoSuchMode", "mode", "mode '" + mode + "' is not one of sync, "
                    + "async and auto");
        };
    }

    private static boolean raw(String response) throws WpsException {
        if (response == null) {
            throw WpsException.client("MissingParameterValue", "response", "the Execute request needs a response: "
                    + "document or raw");
        }
        return switch (response.trim()) {
            case "raw" -> true;
            case "document" -> false;
            default -> throw WpsException.client("InvalidParameterValue", "response", "response '" + response
                    + "' is not one of document and raw");
        };
    }

    /**
     * Reads one WPS 2.0 wps:Input, from just after its start tag to its end tag: a wps:Data (a literal as text or a
     * wps:LiteralValue, a complex value as text, XML or base64) or a wps:Reference.
     */
    private static void readInput2(XMLEventReader reader, StartElement input, Path folder, ProcessDescription process,
                                   Map<String, List<GivenValue>> inputs) throws XMLStreamException, WpsException, IOException {
        String name = attribute(input, ID);
        if (name == null || name.isBlank()) {
            throw WpsException.client("MissingParameterValue", "Input", "each wps:Input needs an id");
        }
        boolean literal = process.input(name).map(p -> p.type().textual()).orElse(true);
        GivenValue value = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement() && is(event.asEndElement().getName(), Wps2Documents.WPS, "Input")) {
                break;
            }
            if (!event.isStartElement()) {
                continue;
            }
            StartElement element = event.asStartElement();
            if (is(element.getName(), Wps2Documents.WPS, "Data")) {
                String mimeType = attribute(element, MIME_TYPE);
                if (literal) {
                    value = new GivenValue.Literal(textualData(reader, name));
                } else {
                    Path file = Files.createTempFile(folder, "input-", ".dat");
                    copyContent(reader, file, name, "base64".equalsIgnoreCase(attribute(element, ENCODING))
                            || String.valueOf(mimeType).startsWith("image/"));
                    value = new GivenValue.Inline(mimeType, file);
                }
            } else if (is(element.getName(), Wps2Documents.WPS, "Reference")) {
                value = readReference(reader, element, Wps2Documents.WPS);
            } else if (is(element.getName(), Wps2Documents.WPS, "Input")) {
                throw WpsException.client("InvalidParameterValue", name, "input '" + name
                        + "' nests inputs; no process here takes nested inputs");
            } else {
                skip(reader);
            }
        }
        if (value == null) {
            throw WpsException.client("MissingParameterValue", name, "input '" + name + "' has no Data or Reference");
        }
        inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
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
            } else if (isWps(element, "BoundingBoxData")) {
                value = new GivenValue.Literal(readBox(reader, element, name));
            } else if (isWps(element, "Reference")) {
                value = readReference(reader, element, WpsDocuments.WPS);
            } else if (!isWps(element, "Data")) {
                skip(reader); // Title, Abstract, anything unknown; wps:Data is entered: its child says what it holds
            }
        }
        if (name == null || value == null) {
            throw WpsException.client("MissingParameterValue", name, "input '" + name + "' has no Data or Reference");
        }
        inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /**
     * A WPS 2.0 wps:Data of a literal or a bounding box, from just after its start tag to its end tag: the text of an
     * ows:BoundingBox in {@link Box}'s form, a wps:LiteralValue's text, or the element's own text.
     */
    private static String textualData(XMLEventReader reader, String input) throws XMLStreamException, WpsException {
        StringBuilder text = new StringBuilder();
        String value = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement()) {
                return value != null ? value : text.toString().trim();
            }
            if (event.isCharacters()) {
                text.append(event.asCharacters().getData());
            } else if (event.isStartElement()) {
                value = isOws(event.asStartElement(), "BoundingBox")
                        ? readBox(reader, event.asStartElement(), input) : text(reader);
            }
        }
    }

    /**
     * An ows:BoundingBox (or WPS 1.0.0's wps:BoundingBoxData, of the same type), from just after its start tag to its
     * end tag, in {@link Box}'s text: its corners' space-separated numbers and its crs attribute.
     */
    private static String readBox(XMLEventReader reader, StartElement box, String input)
            throws XMLStreamException, WpsException {
        String lower = null;
        String upper = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement()) {
                break;
            }
            if (event.isStartElement()) {
                if (isOws(event.asStartElement(), "LowerCorner")) {
                    lower = text(reader);
                } else if (isOws(event.asStartElement(), "UpperCorner")) {
                    upper = text(reader);
                } else {
                    skip(reader);
                }
            }
        }
        if (lower == null || upper == null) {
            throw WpsException.client("InvalidParameterValue", input, "input '" + input + "': a bounding box needs "
                    + "ows:LowerCorner and ows:UpperCorner");
        }
        String[] low = lower.trim().split("\\s+");
        String[] high = upper.trim().split("\\s+");
        String crs = attribute(box, new QName("crs"));
        List<String> parts = new ArrayList<>(List.of(low));
        parts.addAll(List.of(high));
        if (crs != null && !crs.isBlank()) {
            parts.add(crs.trim());
        }
        return String.join(",", parts);
    }

    /** A wps:Reference of either version ({@code wps}: its namespace); its Body or BodyReference for a POST. */
    private static GivenValue.Reference readReference(XMLEventReader reader, StartElement reference, String wps)
            throws XMLStreamException, WpsException {
        String body = null;
        String bodyReference = null;
        while (true) {
            XMLEvent event = next(reader);
            if (event.isEndElement() && is(event.asEndElement().getName(), wps, "Reference")) {
                break;
            }
            if (event.isStartElement()) {
                StartElement element = event.asStartElement();
                if (is(element.getName(), wps, "Body")) {
                    body = serialiseContent(reader);
                } else if (is(element.getName(), wps, "BodyReference")) {
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
        return is(qname, WpsDocuments.WPS, name);
    }

    private static boolean is(QName qname, String namespace, String name) {
        return namespace.equals(qname.getNamespaceURI()) && name.equals(qname.getLocalPart());
    }

    /** An OWS element of either version: WPS 1.0.0 requests use OWS 1.1, WPS 2.0 requests OWS 2.0. */
    private static boolean isOws(StartElement element, String name) {
        return (is(element.getName(), WpsDocuments.OWS, name) || is(element.getName(), Wps2Documents.OWS, name));
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
