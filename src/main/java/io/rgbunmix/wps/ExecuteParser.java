package io.rgbunmix.wps;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads Execute requests from KVP parameters and from XML documents (no DOCTYPE, no external entities). */
final class ExecuteParser {
    private ExecuteParser() {
    }

    /** Parses XML safely: a DOCTYPE (and so any entity, external or expanding) is refused outright. */
    static Document parseXml(byte[] body) throws WpsException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            throw WpsException.client("NoApplicableCode", null, message.contains("DOCTYPE")
                    ? "XML with a DOCTYPE declaration is not accepted" : "the request is not well-formed XML: " + message);
        }
    }

    /** From KVP: {@code identifier}, {@code DataInputs}, {@code ResponseDocument} or {@code RawDataOutput}, ... */
    static ExecuteRequest fromKvp(Map<String, String> kvp) throws WpsException {
        String identifier = required(kvp, "identifier");
        Map<String, List<ExecuteRequest.Input>> inputs = new LinkedHashMap<>();
        String dataInputs = kvp.get("datainputs");
        if (dataInputs != null && !dataInputs.isBlank()) {
            for (String item : dataInputs.split(";")) {
                if (item.isBlank()) {
                    continue;
                }
                String[] parts = item.split("@");
                String[] nameValue = parts[0].split("=", 2);
                if (nameValue.length != 2 || nameValue[0].isBlank()) {
                    throw WpsException.client("InvalidParameterValue", "DataInputs", "DataInputs items are "
                            + "name=value, separated by ';', got '" + item + "'");
                }
                Map<String, String> attributes = attributes(parts);
                ExecuteRequest.Input input;
                if (attributes.containsKey("href") || attributes.containsKey("xlink:href")) {
                    input = new ExecuteRequest.Reference(attributes.getOrDefault("href", attributes.get("xlink:href")),
                            attributes.get("mimetype"), attributes.getOrDefault("method", "GET"), null, null);
                } else if (attributes.containsKey("mimetype")) {
                    input = new ExecuteRequest.Inline(attributes.get("mimetype"), attributes.get("encoding"), nameValue[1]);
                } else {
                    input = new ExecuteRequest.Literal(nameValue[1]);
                }
                inputs.computeIfAbsent(nameValue[0].trim(), k -> new ArrayList<>()).add(input);
            }
        }
        String raw = kvp.get("rawdataoutput");
        String document = kvp.get("responsedocument");
        List<ExecuteRequest.Output> outputs = new ArrayList<>();
        for (String item : (raw != null ? raw : document != null ? document : "").split(";")) {
            if (!item.isBlank()) {
                String[] parts = item.split("@");
                Map<String, String> attributes = attributes(parts);
                outputs.add(new ExecuteRequest.Output(parts[0].split("=", 2)[0].trim(), attributes.get("mimetype"),
                        Boolean.parseBoolean(attributes.get("asreference"))));
            }
        }
        return new ExecuteRequest(identifier, inputs, outputs, raw != null, bool(kvp, "storeexecuteresponse"),
                bool(kvp, "status"));
    }

    private static Map<String, String> attributes(String[] parts) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            attributes.put(kv[0].trim().toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
        }
        return attributes;
    }

    private static boolean bool(Map<String, String> kvp, String name) {
        return Boolean.parseBoolean(kvp.getOrDefault(name, "false"));
    }

    static String required(Map<String, String> kvp, String name) throws WpsException {
        String value = kvp.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            throw WpsException.client("MissingParameterValue", name, "parameter '" + name + "' is required");
        }
        return value;
    }

    /** From an XML {@code wps:Execute} document. */
    static ExecuteRequest fromXml(Element execute) throws WpsException {
        String identifier = text(child(execute, WpsDocuments.OWS, "Identifier"));
        if (identifier == null || identifier.isBlank()) {
            throw WpsException.client("MissingParameterValue", "Identifier", "the Execute request names no process");
        }
        Map<String, List<ExecuteRequest.Input>> inputs = new LinkedHashMap<>();
        Element dataInputs = child(execute, WpsDocuments.WPS, "DataInputs");
        for (Element input : children(dataInputs, WpsDocuments.WPS, "Input")) {
            String name = text(child(input, WpsDocuments.OWS, "Identifier"));
            Element reference = child(input, WpsDocuments.WPS, "Reference");
            Element data = child(input, WpsDocuments.WPS, "Data");
            ExecuteRequest.Input value;
            if (reference != null) {
                Element body = child(reference, WpsDocuments.WPS, "Body");
                Element bodyReference = child(reference, WpsDocuments.WPS, "BodyReference");
                Element bodyContent = body == null ? null : firstElement(body);
                value = new ExecuteRequest.Reference(reference.getAttributeNS(WpsDocuments.XLINK, "href"),
                        attribute(reference, "mimeType"), attribute(reference, "method"),
                        body == null ? null : bodyContent != null ? serialise(bodyContent) : body.getTextContent(),
                        bodyReference == null ? null : bodyReference.getAttributeNS(WpsDocuments.XLINK, "href"));
            } else if (data != null && child(data, WpsDocuments.WPS, "LiteralData") != null) {
                value = new ExecuteRequest.Literal(text(child(data, WpsDocuments.WPS, "LiteralData")));
            } else if (data != null && child(data, WpsDocuments.WPS, "ComplexData") != null) {
                Element complex = child(data, WpsDocuments.WPS, "ComplexData");
                Element content = firstElement(complex);
                value = new ExecuteRequest.Inline(attribute(complex, "mimeType"), attribute(complex, "encoding"),
                        content != null ? serialise(content) : complex.getTextContent());
            } else {
                throw WpsException.client("MissingParameterValue", name, "input '" + name + "' has no Data or Reference");
            }
            inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        List<ExecuteRequest.Output> outputs = new ArrayList<>();
        boolean raw = false;
        boolean store = false;
        boolean status = false;
        Element form = child(execute, WpsDocuments.WPS, "ResponseForm");
        if (form != null) {
            Element rawOutput = child(form, WpsDocuments.WPS, "RawDataOutput");
            Element document = child(form, WpsDocuments.WPS, "ResponseDocument");
            if (rawOutput != null) {
                raw = true;
                outputs.add(new ExecuteRequest.Output(text(child(rawOutput, WpsDocuments.OWS, "Identifier")),
                        attribute(rawOutput, "mimeType"), false));
            } else if (document != null) {
                store = Boolean.parseBoolean(document.getAttribute("storeExecuteResponse"));
                status = Boolean.parseBoolean(document.getAttribute("status"));
                for (Element output : children(document, WpsDocuments.WPS, "Output")) {
                    outputs.add(new ExecuteRequest.Output(text(child(output, WpsDocuments.OWS, "Identifier")),
                            attribute(output, "mimeType"), Boolean.parseBoolean(output.getAttribute("asReference"))));
                }
            }
        }
        return new ExecuteRequest(identifier, inputs, outputs, raw, store, status);
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    static Element child(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> list = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                    list.add(e);
                }
            }
        }
        return list;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }

    private static String serialise(Element element) throws WpsException {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw WpsException.client("InvalidParameterValue", null, "cannot read inline XML: " + e.getMessage());
        }
    }
}
