package io.rgbunmix.wps;

import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the WPS 2.0 and OWS 2.0 documents: Capabilities, ProcessOfferings (the WPS 2.0 process model, made from
 * the same descriptions as WPS 1.0.0 and OGC API), StatusInfo, Result and ExceptionReport. Element names, order and
 * namespaces follow the official schemas (a literal's {@code LiteralDataDomain} is unqualified there), which the
 * tests check by validating every document.
 */
final class Wps2Documents {
    static final String WPS = "http://www.opengis.net/wps/2.0";
    static final String OWS = "http://www.opengis.net/ows/2.0";
    static final String VERSION = "2.0.0";
    private static final String XLINK = WpsDocuments.XLINK;
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    /** Every process runs synchronously or asynchronously and can be dismissed; every output by value or reference. */
    static final String JOB_CONTROL = "sync-execute async-execute dismiss";
    static final String TRANSMISSION = "value reference";
    private static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeProcess", "Execute",
            "GetStatus", "GetResult", "Dismiss");

    private Wps2Documents() {
    }

    private static void root(XMLStreamWriter xml, String name) throws XMLStreamException {
        WpsDocuments.rootElement(xml, WPS, OWS, name, "http://schemas.opengis.net/wps/2.0/wps.xsd");
    }

    private static void element(XMLStreamWriter xml, String prefix, String namespace, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        xml.writeCharacters(WpsDocuments.xmlSafe(text));
        xml.writeEndElement();
    }

    private static void ows(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        element(xml, "ows", OWS, name, text);
    }

    private static void wps(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        element(xml, "wps", WPS, name, text);
    }

    /** Title, Abstract and Identifier, in the order of WPS 2.0's DescriptionType. */
    private static void describe(XMLStreamWriter xml, String identifier, String title, String description)
            throws XMLStreamException {
        ows(xml, "Title", title);
        if (description != null) {
            ows(xml, "Abstract", description);
        }
        ows(xml, "Identifier", identifier);
    }

    private static void processProperties(XMLStreamWriter xml, ProcessDescription process) throws XMLStreamException {
        xml.writeAttribute("jobControlOptions", JOB_CONTROL);
        xml.writeAttribute("outputTransmission", TRANSMISSION);
        xml.writeAttribute("processVersion", process.version());
    }

    /** The service, its operations at {@code endpoint}, and a summary of each process. */
    static byte[] capabilities(List<ProcessDescription> processes, String endpoint) throws IOException {
        return WpsDocuments.document(xml -> {
            root(xml, "Capabilities");
            xml.writeAttribute("service", "WPS");
            xml.writeAttribute("version", VERSION);
            // WPS 2.0 binds Execute to POST only
            WpsDocuments.serviceMetadata(xml, OWS, VERSION, OPERATIONS, endpoint, "Execute");
            xml.writeStartElement("wps", "Contents", WPS);
            for (ProcessDescription process : processes) {
                xml.writeStartElement("wps", "ProcessSummary", WPS);
                processProperties(xml, process);
                describe(xml, process.wpsIdentifier(), process.title(), process.description());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** DescribeProcess's answer: one ProcessOffering per process. */
    static byte[] processOfferings(List<ProcessDescription> processes, long maximumMegabytes) throws IOException {
        return WpsDocuments.document(xml -> {
            root(xml, "ProcessOfferings");
            for (ProcessDescription process : processes) {
                xml.writeStartElement("wps", "ProcessOffering", WPS);
                processProperties(xml, process);
                xml.writeStartElement("wps", "Process", WPS);
                describe(xml, process.wpsIdentifier(), process.title(), process.description());
                for (Parameter input : process.inputs()) {
                    xml.writeStartElement("wps", "Input", WPS);
                    xml.writeAttribute("minOccurs", String.valueOf(input.minOccurs()));
                    xml.writeAttribute("maxOccurs", String.valueOf(input.maxOccurs()));
                    describe(xml, input.name(), input.title(), input.description());
                    data(xml, input.type(), true, maximumMegabytes);
                    xml.writeEndElement();
                }
                for (Parameter output : process.outputs()) {
                    xml.writeStartElement("wps", "Output", WPS);
                    describe(xml, output.name(), output.title(), output.description());
                    data(xml, output.type(), false, maximumMegabytes);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    private static void data(XMLStreamWriter xml, Parameter.Type type, boolean input, long maximumMegabytes)
            throws XMLStreamException {
        if (type instanceof Parameter.Complex complex) {
            xml.writeStartElement("wps", "ComplexData", WPS);
            boolean first = true;
            for (Format format : complex.formats()) {
                xml.writeEmptyElement("wps", "Format", WPS);
                xml.writeAttribute("mimeType", format.mimeType());
                if (format.encoding() != null) {
                    xml.writeAttribute("encoding", format.encoding());
                }
                if (format.schema() != null) {
                    xml.writeAttribute("schema", format.schema());
                }
                if (input) {
                    xml.writeAttribute("maximumMegabytes", String.valueOf(maximumMegabytes));
                }
                xml.writeAttribute("default", String.valueOf(first));
                first = false;
            }
            xml.writeEndElement();
            return;
        }
        if (type instanceof Parameter.BoundingBox box) {
            xml.writeStartElement("wps", "BoundingBoxData", WPS);
            xml.writeEmptyElement("wps", "Format", WPS);
            xml.writeAttribute("mimeType", "text/plain");
            xml.writeAttribute("default", "true");
            for (String crs : box.crs()) {
                xml.writeStartElement("wps", "SupportedCRS", WPS);
                if (crs.equals(box.defaultCrs())) {
                    xml.writeAttribute("default", "true");
                }
                xml.writeCharacters(crs);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            return;
        }
        Parameter.Literal literal = (Parameter.Literal) type;
        xml.writeStartElement("wps", "LiteralData", WPS);
        xml.writeEmptyElement("wps", "Format", WPS);
        xml.writeAttribute("mimeType", "text/plain");
        xml.writeAttribute("default", "true");
        xml.writeStartElement("LiteralDataDomain");   // unqualified in the schema
        xml.writeAttribute("default", "true");
        WpsDocuments.domain(xml, literal, OWS);
        xml.writeStartElement("ows", "DataType", OWS);
        xml.writeAttribute("ows", OWS, "reference", XSD + literal.dataType());
        xml.writeCharacters(literal.dataType());
        xml.writeEndElement();
        if (input && literal.defaultValue() != null) {
            ows(xml, "DefaultValue", literal.defaultValue());
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /**
     * A job's StatusInfo: its state in WPS 2.0's words (Accepted, Running, Succeeded, Failed, Dismissed), when its
     * results expire, when to poll next while it runs, and how far it is.
     */
    static byte[] statusInfo(JobStatus job, Instant expires, Instant nextPoll) throws IOException {
        return WpsDocuments.document(xml -> {
            root(xml, "StatusInfo");
            wps(xml, "JobID", job.id());
            wps(xml, "Status", status(job));
            if (expires != null) {
                wps(xml, "ExpirationDate", expires.toString());
            }
            if (nextPoll != null) {
                wps(xml, "NextPoll", nextPoll.toString());
            }
            if (job.state() == JobState.RUNNING) {
                wps(xml, "PercentCompleted", String.valueOf(Math.max(0, Math.min(100, job.percent()))));
            }
            xml.writeEndElement();
        });
    }

    /** The value of wps:Status for a job. */
    static String status(JobStatus job) {
        return switch (job.state()) {
            case ACCEPTED -> "Accepted";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case DISMISSED -> "Dismissed";
        };
    }

    /** A Result document: each output inline (a literal as a LiteralValue, text as CDATA, binary as base64) or by reference. */
    static byte[] result(String jobId, Instant expires, List<WpsDocuments.OutputData> outputs) throws IOException {
        return WpsDocuments.document(xml -> {
            root(xml, "Result");
            wps(xml, "JobID", jobId);
            if (expires != null) {
                wps(xml, "ExpirationDate", expires.toString());
            }
            for (WpsDocuments.OutputData output : outputs) {
                xml.writeStartElement("wps", "Output", WPS);
                xml.writeAttribute("id", output.identifier());
                if (output.href() != null) {
                    xml.writeEmptyElement("wps", "Reference", WPS);
                    xml.writeAttribute("xlink", XLINK, "href", output.href());
                    xml.writeAttribute("mimeType", output.mimeType());
                } else {
                    xml.writeStartElement("wps", "Data", WPS);
                    xml.writeAttribute("mimeType", output.mimeType());
                    if (output.literal()) {
                        wps(xml, "LiteralValue", Files.readString(output.file(), StandardCharsets.UTF_8));
                    } else if (WpsDocuments.isText(output.mimeType())) {
                        xml.writeCData(Files.readString(output.file(), StandardCharsets.UTF_8));
                    } else {
                        xml.writeAttribute("encoding", "base64");
                        WpsDocuments.base64(output.file(), xml);
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** An OWS 2.0 ExceptionReport; {@code locator} may be null. */
    static byte[] exceptionReport(String code, String locator, String text) throws IOException {
        return WpsDocuments.exceptionReport(OWS, VERSION, "en", code, locator, text);
    }
}
