package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.time.Instant;

/**
 * JSON renderings of OGC API - Processes resources: process summaries and descriptions (inputs and
 * outputs as JSON Schema, from the same description as WPS), statusInfo, links and problem details.
 */
final class ProcessJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REL = "http://www.opengis.net/def/rel/ogc/1.0/";
    static final String EXCEPTIONS = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    private ProcessJson() {
    }

    static ObjectNode link(String href, String rel, String type, String title) {
        ObjectNode link = JSON.createObjectNode().put("href", href).put("rel", rel);
        if (type != null) {
            link.put("type", type);
        }
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    /** The HTML rendering of the document at {@code url} (which may have a query already). */
    static ObjectNode htmlAlternate(String url) {
        return link(url + (url.contains("?") ? "&" : "?") + "f=html", "alternate", "text/html", "this document as HTML");
    }

    /** The summary in /processes. */
    static ObjectNode summary(ProcessDescription d, String base) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", d.id()).put("title", d.title()).put("description", d.description()).put("version", d.version());
        node.putArray("jobControlOptions").add("sync-execute").add("async-execute").add("dismiss");
        node.putArray("outputTransmission").add("value").add("reference");
        ArrayNode links = node.putArray("links");
        links.add(link(base + "/processes/" + d.id(), "self", "application/json", "process description"));
        links.add(link(base + "/processes/" + d.id() + "/execution", REL + "execute", "application/json",
                "execute the process"));
        links.add(htmlAlternate(base + "/processes/" + d.id()));
        return node;
    }

    /** The full description in /processes/{id}: the summary plus inputs and outputs as JSON Schema. */
    static ObjectNode description(ProcessDescription d, String base) {
        ObjectNode node = summary(d, base);
        ObjectNode inputs = node.putObject("inputs");
        for (Parameter input : d.inputs()) {
            ObjectNode in = inputs.putObject(input.name()).put("title", input.title()).put("description", input.description());
            if (input.type() instanceof Parameter.Literal && input.maxOccurs() > 1) {
                // several literals are one JSON array: a value whose schema is an array, as OGC API's arrayInput
                in.put("minOccurs", input.minOccurs()).put("maxOccurs", 1);
                ObjectNode array = JSON.createObjectNode().put("type", "array");
                array.set("items", schema(input.type()));
                array.put("maxItems", input.maxOccurs());
                in.set("schema", array);
            } else {
                in.put("minOccurs", input.minOccurs()).put("maxOccurs", input.maxOccurs());
                in.set("schema", schema(input.type()));
            }
        }
        ObjectNode outputs = node.putObject("outputs");
        for (Parameter output : d.outputs()) {
            ObjectNode out = outputs.putObject(output.name()).put("title", output.title())
                    .put("description", output.description());
            out.set("schema", schema(output.type()));
        }
        return node;
    }

    /** The JSON Schema of a parameter: a literal's type and domain, or one alternative per format. */
    static ObjectNode schema(Parameter.Type type) {
        if (type instanceof Parameter.Literal literal) {
            ObjectNode schema = JSON.createObjectNode().put("type", switch (literal.dataType()) {
                case "integer" -> "integer";
                case "double" -> "number";
                case "boolean" -> "boolean";
                default -> "string";
            });
            if (!literal.allowedValues().isEmpty()) {
                ArrayNode values = schema.putArray("enum");
                literal.allowedValues().forEach(values::add);
            }
            bound(schema, "minimum", literal.minimum(), literal.dataType());
            bound(schema, "maximum", literal.maximum(), literal.dataType());
            if (literal.defaultValue() != null) {
                switch (literal.dataType()) {
                    case "integer" -> schema.put("default", Long.parseLong(literal.defaultValue()));
                    case "double" -> schema.put("default", Double.parseDouble(literal.defaultValue()));
                    default -> schema.put("default", literal.defaultValue());
                }
            }
            return schema;
        }
        if (type instanceof Parameter.BoundingBox box) {
            return boundingBox(box);
        }
        Parameter.Complex complex = (Parameter.Complex) type;
        ArrayNode oneOf = JSON.createArrayNode();
        for (Format format : complex.formats()) {
            ObjectNode alternative = oneOf.addObject();
            if (format.mimeType().startsWith("application/json") || format.mimeType().startsWith("application/geo+json")) {
                alternative.put("type", "object").put("contentMediaType", format.mimeType());
            } else if (format.mimeType().startsWith("text/")) {
                alternative.put("type", "string").put("contentMediaType", format.mimeType());
            } else {
                alternative.put("type", "string").put("contentEncoding", "binary").put("contentMediaType", format.mimeType());
            }
        }
        return oneOf.size() == 1 ? (ObjectNode) oneOf.get(0) : JSON.createObjectNode().set("oneOf", oneOf);
    }

    /** OGC API's bounding box (its bbox.yaml): 4 or 6 numbers and a CRS URI, marked with the format "ogc-bbox". */
    private static ObjectNode boundingBox(Parameter.BoundingBox box) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object").put("format", "ogc-bbox");
        schema.putArray("required").add("bbox");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode bbox = properties.putObject("bbox").put("type", "array");
        ArrayNode sizes = bbox.putArray("oneOf");
        sizes.addObject().put("minItems", 4).put("maxItems", 4);
        sizes.addObject().put("minItems", 6).put("maxItems", 6);
        bbox.putObject("items").put("type", "number");
        properties.putObject("crs").put("type", "string").put("format", "uri").put("default", box.defaultCrs());
        return schema;
    }

    private static void bound(ObjectNode schema, String name, Double value, String dataType) {
        if (value == null) {
            return;
        }
        if (dataType.equals("integer")) {
            schema.put(name, value.longValue());
        } else {
            schema.put(name, value);
        }
    }

    /** statusInfo: the job's state in OGC API words, its progress and links. */
    static ObjectNode statusInfo(JobStatus job, String base) {
        ObjectNode node = JSON.createObjectNode().put("jobID", job.id()).put("processID", job.process())
                .put("type", "process").put("status", status(job)).put("message", job.message())
                .put("progress", job.percent());
        put(node, "created", job.created());
        put(node, "started", job.started());
        put(node, "finished", job.finished());
        Instant updated = job.finished() != null ? job.finished() : job.started() != null ? job.started() : job.created();
        put(node, "updated", updated);
        ArrayNode links = node.putArray("links");
        links.add(link(base + "/jobs/" + job.id(), "self", "application/json", "job status"));
        links.add(htmlAlternate(base + "/jobs/" + job.id()));
        if (status(job).equals("successful")) {
            links.add(link(base + "/jobs/" + job.id() + "/results", REL + "results", "application/json", "job results"));
            links.add(link(base + "/jobs/" + job.id() + "/results?f=html", REL + "results", "text/html",
                    "job results and their map"));
        }
        return node;
    }

    private static void put(ObjectNode node, String name, Instant time) {
        if (time != null) {
            node.put(name, time.toString());
        }
    }

    static String status(JobStatus job) {
        return switch (job.state()) {
            case ACCEPTED -> "accepted";
            case RUNNING -> "running";
            case SUCCEEDED -> "successful";
            case FAILED -> "failed";
            case DISMISSED -> "dismissed";
        };
    }

    /** An RFC 7807 problem; {@code type} is an OGC exception name or a full URI. */
    static ObjectNode problem(String type, int status, String title, String detail) {
        ObjectNode node = JSON.createObjectNode().put("type", type.contains(":") ? type : EXCEPTIONS + type)
                .put("title", title).put("status", status);
        if (detail != null) {
            node.put("detail", detail);
        }
        return node;
    }
}
