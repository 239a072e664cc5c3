package io.rgbunmix.wps;

import io.rgbunmix.ancillary.ClientXml;
import io.rgbunmix.execution.GivenValue;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the WPS 1.0.0 and OWS 1.1.0 documents. Element names, order and namespaces follow the
 * official schemas (DescribeProcess children are unqualified, Execute response children are
 * wps-qualified), which the tests check by validating every document.
 */
final class WpsDocuments {
    static final String WPS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS = "http://www.opengis.net/ows/1.1";
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final String SCHEMAS = "http://schemas.opengis.net/wps/1.0.0/";
    private static final String VERSION_1 = "1.0.0";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = ClientXml.newInputFactory();
    private static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeProcess", "Execute",
            "GetExecutionStatus", "GetExecutionResult", "Dismiss", "GetExecutions");

    /** One output of a finished execution, to be written inline or as a reference. */
    record OutputData(String identifier, String title, String mimeType, boolean literal, Path file, String href) {
    }

    /** Writes a document's root element and everything in it. */
    interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException, IOException;
    }

    private WpsDocuments() {
    }

    static byte[] document(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }

    private static void root(XMLStreamWriter xml, String name, String schema) throws XMLStreamException {
        rootElement(xml, WPS, OWS, name, SCHEMAS + schema);
        xml.writeAttribute("service", "WPS");
        xml.writeAttribute("version", "1.0.0");
        xml.writeAttribute("xml", XML, "lang", "en-US");
    }

    /**
     * Opens a document's wps root element of either version ({@code wps}, {@code ows}: its namespaces), declaring them
     * with xlink's and the schema's location.
     */
    static void rootElement(XMLStreamWriter xml, String wps, String ows, String name, String schemaLocation)
            throws XMLStreamException {
        xml.setPrefix("wps", wps);
        xml.setPrefix("ows", ows);
        xml.setPrefix("xlink", XLINK);
        xml.writeStartElement("wps", name, wps);
        xml.writeNamespace("wps", wps);
        xml.writeNamespace("ows", ows);
        xml.writeNamespace("xlink", XLINK);
        xml.writeNamespace("xsi", XSI);
        xml.writeAttribute("xsi", XSI, "schemaLocation", wps + " " + schemaLocation);
    }

    private static void ows(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        owsText(xml, OWS, name, text);
    }

    /**
     * {@code text} with each character that XML 1.0 cannot hold (NUL and the other C0 controls but
     * tab and line ends, lone surrogates, U+FFFE and U+FFFF) replaced by U+FFFD: messages may quote
     * what a client sent, and the writer would copy such a character into a document no parser reads.
     */
    static String xmlSafe(String text) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean allowed = pair || c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE);
            if (!allowed && safe == null) {
                safe = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(allowed ? String.valueOf(c) : "\uFFFD");
                if (pair) {
                    safe.append(text.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static void plain(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    private static void describe(XMLStreamWriter xml, String identifier, String title, String description)
            throws XMLStreamException {
        ows(xml, "Identifier", identifier);
        ows(xml, "Title", title);
        if (description != null) {
            ows(xml, "Abstract", description);
        }
    }

    /**
     * A capabilities document's ServiceIdentification, ServiceProvider and OperationsMetadata, as OWS writes them in
     * the version's namespace ({@code ows}): each operation by GET and POST at {@code endpoint}, but
     * {@code postOnly}'s (null: none) by POST alone.
     */
    static void serviceMetadata(XMLStreamWriter xml, String ows, String version, List<String> operations, String endpoint,
                                String postOnly) throws XMLStreamException {
        xml.writeStartElement("ows", "ServiceIdentification", ows);
        owsText(xml, ows, "Title", "rgbunmix");
        owsText(xml, ows, "Abstract", "Land-use / land-cover abundances (SIPNA N1/N2) for every 224 x 224 window of a "
                + "Sentinel-2 RGB raster, with a deep-learning model run in ONNX Runtime.");
        owsText(xml, ows, "ServiceType", "WPS");
        owsText(xml, ows, "ServiceTypeVersion", version);
        xml.writeEndElement();
        xml.writeStartElement("ows", "ServiceProvider", ows);
        owsText(xml, ows, "ProviderName", "rgbunmix");
        xml.writeEmptyElement("ows", "ServiceContact", ows);
        xml.writeEndElement();
        xml.writeStartElement("ows", "OperationsMetadata", ows);
        for (String operation : operations) {
            xml.writeStartElement("ows", "Operation", ows);
            xml.writeAttribute("name", operation);
            xml.writeStartElement("ows", "DCP", ows);
            xml.writeStartElement("ows", "HTTP", ows);
            if (!operation.equals(postOnly)) {
                xml.writeEmptyElement("ows", "Get", ows);
                xml.writeAttribute("xlink", XLINK, "href", endpoint);
            }
            xml.writeEmptyElement("ows", "Post", ows);
            xml.writeAttribute("xlink", XLINK, "href", endpoint);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    static byte[] capabilities(ProcessRegistry registry, String endpoint) throws IOException {
        return document(xml -> {
            root(xml, "Capabilities", "wpsGetCapabilities_response.xsd");
            serviceMetadata(xml, OWS, VERSION_1, OPERATIONS, endpoint, null);
            xml.writeStartElement("wps", "ProcessOfferings", WPS);
            for (var process : registry.processes()) {
                ProcessDescription d = process.description();
                xml.writeStartElement("wps", "Process", WPS);
                xml.writeAttribute("wps", WPS, "processVersion", d.version());
                describe(xml, d.wpsIdentifier(), d.title(), d.description());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeStartElement("wps", "Languages", WPS);
            xml.writeStartElement("wps", "Default", WPS);
            ows(xml, "Language", "en-US");
            xml.writeEndElement();
            xml.writeStartElement("wps", "Supported", WPS);
            ows(xml, "Language", "en-US");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    static byte[] processDescriptions(List<ProcessDescription> processes, long maximumMegabytes) throws IOException {
        return document(xml -> {
            root(xml, "ProcessDescriptions", "wpsDescribeProcess_response.xsd");
            for (ProcessDescription d : processes) {
                xml.writeStartElement("ProcessDescription");
                xml.writeAttribute("wps", WPS, "processVersion", d.version());
                xml.writeAttribute("storeSupported", "true");
                xml.writeAttribute("statusSupported", "true");
                describe(xml, d.wpsIdentifier(), d.title(), d.description());
                xml.writeStartElement("DataInputs");
                for (Parameter input : d.inputs()) {
                    xml.writeStartElement("Input");
                    xml.writeAttribute("minOccurs", String.valueOf(input.minOccurs()));
                    xml.writeAttribute("maxOccurs", String.valueOf(input.maxOccurs()));
                    describe(xml, input.name(), input.title(), input.description());
                    if (input.type() instanceof Parameter.Complex complex) {
                        xml.writeStartElement("ComplexData");
                        xml.writeAttribute("maximumMegabytes", String.valueOf(maximumMegabytes));
                        formats(xml, complex);
                        xml.writeEndElement();
                    } else if (input.type() instanceof Parameter.BoundingBox box) {
                        boundingBox(xml, "BoundingBoxData", box);
                    } else {
                        literal(xml, "LiteralData", (Parameter.Literal) input.type(), true);
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeStartElement("ProcessOutputs");
                for (Parameter output : d.outputs()) {
                    xml.writeStartElement("Output");
                    describe(xml, output.name(), output.title(), output.description());
                    if (output.type() instanceof Parameter.Complex complex) {
                        xml.writeStartElement("ComplexOutput");
                        formats(xml, complex);
                        xml.writeEndElement();
                    } else if (output.type() instanceof Parameter.BoundingBox box) {
                        boundingBox(xml, "BoundingBoxOutput", box);
                    } else {
                        literal(xml, "LiteralOutput", (Parameter.Literal) output.type(), false);
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** A bounding box's CRSs, the default first. */
    private static void boundingBox(XMLStreamWriter xml, String element, Parameter.BoundingBox box)
            throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeStartElement("Default");
        plain(xml, "CRS", box.defaultCrs());
        xml.writeEndElement();
        xml.writeStartElement("Supported");
        for (String crs : box.crs()) {
            plain(xml, "CRS", crs);
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void formats(XMLStreamWriter xml, Parameter.Complex complex) throws XMLStreamException {
        xml.writeStartElement("Default");
        format(xml, complex.defaultFormat());
        xml.writeEndElement();
        xml.writeStartElement("Supported");
        for (Format format : complex.formats()) {
            format(xml, format);
        }
        xml.writeEndElement();
    }

    private static void format(XMLStreamWriter xml, Format format) throws XMLStreamException {
        xml.writeStartElement("Format");
        plain(xml, "MimeType", format.mimeType());
        if (format.encoding() != null) {
            plain(xml, "Encoding", format.encoding());
        }
        if (format.schema() != null) {
            plain(xml, "Schema", format.schema());
        }
        xml.writeEndElement();
    }

    private static void literal(XMLStreamWriter xml, String element, Parameter.Literal literal, boolean input)
            throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeStartElement("ows", "DataType", OWS);
        xml.writeAttribute("ows", OWS, "reference", "xs:" + literal.dataType());
        xml.writeCharacters(literal.dataType());
        xml.writeEndElement();
        if (input) {
            domain(xml, literal, OWS);
            if (literal.defaultValue() != null) {
                plain(xml, "DefaultValue", literal.defaultValue());
            }
        }
        xml.writeEndElement();
    }

    /**
     * A literal input's domain as OWS writes it, in the namespace of the version ({@code ows}: OWS 1.1 for WPS 1.0.0,
     * OWS 2.0 for WPS 2.0): its allowed values, its range, or any value.
     */
    static void domain(XMLStreamWriter xml, Parameter.Literal literal, String ows) throws XMLStreamException {
        if (!literal.allowedValues().isEmpty()) {
            xml.writeStartElement("ows", "AllowedValues", ows);
            for (String value : literal.allowedValues()) {
                owsText(xml, ows, "Value", value);
            }
            xml.writeEndElement();
        } else if (literal.minimum() != null || literal.maximum() != null) {
            xml.writeStartElement("ows", "AllowedValues", ows);
            xml.writeStartElement("ows", "Range", ows);
            if (literal.minimum() != null) {
                owsText(xml, ows, "MinimumValue", number(literal.minimum(), literal.dataType()));
            }
            if (literal.maximum() != null) {
                owsText(xml, ows, "MaximumValue", number(literal.maximum(), literal.dataType()));
            }
            xml.writeEndElement();
            xml.writeEndElement();
        } else {
            xml.writeEmptyElement("ows", "AnyValue", ows);
        }
    }

    private static void owsText(XMLStreamWriter xml, String ows, String name, String text) throws XMLStreamException {
        xml.writeStartElement("ows", name, ows);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    private static String number(double value, String dataType) {
        return dataType.equals("integer") ? String.valueOf((long) value) : String.valueOf(value);
    }

    /**
     * An ExecuteResponse for a job in any state: accepted, started with its percentage, succeeded
     * with its outputs, or failed with an exception report.
     */
    static byte[] executeResponse(ProcessDescription process, JobStatus status, String serviceInstance,
                                  String statusLocation, List<OutputData> outputs) throws IOException {
        return executeResponse(process, status, serviceInstance, statusLocation, outputs, null);
    }

    /** The same, with the request's inputs and output definitions echoed from a lineage file (or none). */
    static byte[] executeResponse(ProcessDescription process, JobStatus status, String serviceInstance,
                                  String statusLocation, List<OutputData> outputs, Path lineage) throws IOException {
        return document(xml -> executeResponse(xml, process, status, serviceInstance, statusLocation, outputs, lineage));
    }

    /** One ExecuteResponse element per execution in a page of GeoServer's GetExecutions. */
    record Execution(ProcessDescription process, JobStatus status, String statusLocation) {
    }

    /**
     * GeoServer's GetExecutionsResponse (a vendor document, not in the WPS 1.0.0 schemas): paging
     * attributes and one ExecuteResponse per execution, each valid on its own.
     */
    static byte[] executions(List<Execution> page, int total, String serviceInstance, String next) throws IOException {
        return document(xml -> {
            xml.setPrefix("wps", WPS);
            xml.writeStartElement("wps", "GetExecutionsResponse", WPS);
            xml.writeNamespace("wps", WPS);
            xml.writeNamespace("ows", OWS);
            xml.writeNamespace("xlink", XLINK);
            xml.writeAttribute("count", String.valueOf(total));
            if (next != null) {
                xml.writeAttribute("next", next);
            }
            for (Execution execution : page) {
                executeResponse(xml, execution.process(), execution.status(), serviceInstance,
                        execution.statusLocation(), List.of(), null);
            }
            xml.writeEndElement();
        });
    }

    private static void executeResponse(XMLStreamWriter xml, ProcessDescription process, JobStatus status,
                                        String serviceInstance, String statusLocation, List<OutputData> outputs,
                                        Path lineage) throws XMLStreamException, IOException {
        {
            root(xml, "ExecuteResponse", "wpsExecute_response.xsd");
            xml.writeAttribute("serviceInstance", serviceInstance);
            if (statusLocation != null) {
                xml.writeAttribute("statusLocation", statusLocation);
            }
            xml.writeStartElement("wps", "Process", WPS);
            xml.writeAttribute("wps", WPS, "processVersion", process.version());
            describe(xml, process.wpsIdentifier(), process.title(), process.description());
            xml.writeEndElement();
            xml.writeStartElement("wps", "Status", WPS);
            Instant time = status.finished() != null ? status.finished()
                    : status.started() != null ? status.started() : status.created();
            xml.writeAttribute("creationTime", time.toString());
            switch (status.state()) {
                case ACCEPTED -> wps(xml, "ProcessAccepted", "Process accepted");
                case RUNNING -> {
                    xml.writeStartElement("wps", "ProcessStarted", WPS);
                    xml.writeAttribute("percentCompleted", String.valueOf(status.percent()));
                    xml.writeCharacters(xmlSafe(status.message()));
                    xml.writeEndElement();
                }
                case SUCCEEDED -> wps(xml, "ProcessSucceeded", "Process succeeded");
                default -> {
                    xml.writeStartElement("wps", "ProcessFailed", WPS);
                    if (status.fault() != null) {
                        exceptionReportElement(xml, status.fault().code(), status.fault().locator(), status.message());
                    } else {
                        exceptionReportElement(xml, "NoApplicableCode", null,
                                status.state() == JobState.DISMISSED ? "dismissed" : status.message());
                    }
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
            if (lineage != null) {
                copyChildren(lineage, xml);
            }
            if (status.state() == JobState.SUCCEEDED && !outputs.isEmpty()) {
                xml.writeStartElement("wps", "ProcessOutputs", WPS);
                for (OutputData output : outputs) {
                    output(xml, output);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
    }

    private static void wps(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("wps", name, WPS);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    private static void output(XMLStreamWriter xml, OutputData output) throws XMLStreamException, IOException {
        xml.writeStartElement("wps", "Output", WPS);
        describe(xml, output.identifier(), output.title(), null);
        if (output.href() != null) {
            xml.writeEmptyElement("wps", "Reference", WPS);
            xml.writeAttribute("href", output.href());
            xml.writeAttribute("mimeType", output.mimeType());
        } else {
            xml.writeStartElement("wps", "Data", WPS);
            if (output.literal()) {
                xml.writeStartElement("wps", "LiteralData", WPS);
                xml.writeCharacters(Files.readString(output.file(), StandardCharsets.UTF_8));
            } else {
                xml.writeStartElement("wps", "ComplexData", WPS);
                xml.writeAttribute("mimeType", output.mimeType());
                if (isText(output.mimeType())) {
                    xml.writeCData(Files.readString(output.file(), StandardCharsets.UTF_8));
                } else {
                    xml.writeAttribute("encoding", "base64");
                    xml.writeCharacters(Base64.getEncoder().encodeToString(Files.readAllBytes(output.file())));
                }
            }
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /**
     * Writes a lineage file: the request's inputs as wps:DataInputs (inline data re-encoded from the staged
     * files, base64 for binary formats) and its outputs as wps:OutputDefinitions, inside a wps:Lineage wrapper
     * that {@link #executeResponse} unwraps.
     */
    static void lineage(ExecuteRequest request, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.setPrefix("wps", WPS);
            xml.setPrefix("ows", OWS);
            xml.setPrefix("xlink", XLINK);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("wps", "Lineage", WPS);
            xml.writeNamespace("wps", WPS);
            xml.writeNamespace("ows", OWS);
            xml.writeNamespace("xlink", XLINK);
            xml.writeStartElement("wps", "DataInputs", WPS);
            for (var entry : request.inputs().entrySet()) {
                for (GivenValue input : entry.getValue()) {
                    xml.writeStartElement("wps", "Input", WPS);
                    ows(xml, "Identifier", entry.getKey());
                    if (input instanceof GivenValue.Reference reference) {
                        xml.writeEmptyElement("wps", "Reference", WPS);
                        xml.writeAttribute("xlink", XLINK, "href", reference.href());
                        if (reference.method() != null) {
                            xml.writeAttribute("method", reference.method().toUpperCase(Locale.ROOT));
                        }
                        if (reference.mimeType() != null) {
                            xml.writeAttribute("mimeType", reference.mimeType());
                        }
                    } else {
                        xml.writeStartElement("wps", "Data", WPS);
                        if (input instanceof GivenValue.Literal literal) {
                            wps(xml, "LiteralData", literal.text());
                        } else {
                            GivenValue.Inline inline = (GivenValue.Inline) input;
                            String mime = inline.mimeType() == null ? "application/octet-stream" : inline.mimeType();
                            xml.writeStartElement("wps", "ComplexData", WPS);
                            xml.writeAttribute("mimeType", mime);
                            if (isText(mime)) {
                                xml.writeCData(Files.readString(inline.file(), StandardCharsets.UTF_8));
                            } else {
                                xml.writeAttribute("encoding", "base64");
                                base64(inline.file(), xml);
                            }
                            xml.writeEndElement();
                        }
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
            if (!request.outputs().isEmpty()) {
                xml.writeStartElement("wps", "OutputDefinitions", WPS);
                for (ExecuteRequest.Output output : request.outputs()) {
                    xml.writeStartElement("wps", "Output", WPS);
                    if (output.mimeType() != null) {
                        xml.writeAttribute("mimeType", output.mimeType());
                    }
                    xml.writeAttribute("asReference", String.valueOf(output.asReference()));
                    ows(xml, "Identifier", output.identifier());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** Base64 of a file, written in chunks so that a large input is never held whole. */
    static void base64(Path file, XMLStreamWriter xml) throws IOException, XMLStreamException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] chunk = new byte[3 * 16 * 1024];
            for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
                xml.writeCharacters(Base64.getEncoder().encodeToString(n == chunk.length ? chunk
                        : Arrays.copyOf(chunk, n)));
            }
        }
    }

    /** Copies the child elements of a file's root element into the document being written. */
    private static void copyChildren(Path file, XMLStreamWriter xml) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = INPUT.createXMLStreamReader(in);
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (depth++ > 0) {
                        xml.writeStartElement(reader.getPrefix(), reader.getLocalName(), reader.getNamespaceURI());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String ns = reader.getAttributeNamespace(i);
                            if (ns == null || ns.isEmpty()) {
                                xml.writeAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            } else {
                                xml.writeAttribute(reader.getAttributePrefix(i), ns, reader.getAttributeLocalName(i),
                                        reader.getAttributeValue(i));
                            }
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (--depth > 0) {
                        xml.writeEndElement();
                    }
                } else if (depth > 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    xml.writeCharacters(reader.getText());
                }
            }
        }
    }

    static boolean isText(String mimeType) {
        return mimeType.startsWith("text/") || mimeType.startsWith("application/json");
    }

    /** An OWS 1.1 ExceptionReport; {@code locator} may be null. */
    static byte[] exceptionReport(String code, String locator, String text) throws IOException {
        return exceptionReport(OWS, "1.1.0", "en-US", code, locator, text);
    }

    /** An ExceptionReport of OWS {@code version} in its namespace {@code ows}; {@code locator} may be null. */
    static byte[] exceptionReport(String ows, String version, String language, String code, String locator,
                                  String text) throws IOException {
        return document(xml -> {
            xml.setPrefix("ows", ows);
            exceptionReportElement(xml, ows, version, language, code, locator, text);
        });
    }

    private static void exceptionReportElement(XMLStreamWriter xml, String code, String locator, String text)
            throws XMLStreamException {
        exceptionReportElement(xml, OWS, "1.1.0", "en-US", code, locator, text);
    }

    private static void exceptionReportElement(XMLStreamWriter xml, String ows, String version, String language,
                                               String code, String locator, String text) throws XMLStreamException {
        xml.writeStartElement("ows", "ExceptionReport", ows);
        xml.writeNamespace("ows", ows);
        xml.writeAttribute("version", version);
        xml.writeAttribute("xml", XML, "lang", language);
        xml.writeStartElement("ows", "Exception", ows);
        xml.writeAttribute("exceptionCode", code);
        if (locator != null) {
            xml.writeAttribute("locator", xmlSafe(locator));
        }
        owsText(xml, ows, "ExceptionText", text == null ? "" : text);
        xml.writeEndElement();
        xml.writeEndElement();
    }
}
