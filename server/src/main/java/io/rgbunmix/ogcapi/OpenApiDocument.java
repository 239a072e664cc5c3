package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.0 document served at /api, built from the registry so that it describes the endpoints
 * this server really has, each process's execute request included.
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    /** The document; {@code security} marks what needs a token (executions and jobs) and how to send it. */
    static ObjectNode build(String base, ProcessRegistry registry, ApiSecurity security) {
        ObjectNode api = ProcessJson.JSON.createObjectNode().put("openapi", "3.0.3");
        api.putObject("info").put("title", "rgbunmix - OGC API - Processes").put("version", "1.0.0")
                .put("description", "Land-cover abundances from Sentinel-2 RGB windows. OGC WPS 1.0.0 is at /wps.");
        api.putArray("servers").addObject().put("url", base);
        ObjectNode paths = api.putObject("paths");
        get(paths, "/", "landingPage", "Landing page", "LandingPage");
        get(paths, "/conformance", "getConformance", "Conformance classes", "Conformance");
        get(paths, "/api", "getApi", "This API definition", null);
        get(paths, "/processes", "getProcesses", "The processes", "ProcessList");
        ObjectNode process = get(paths, "/processes/{processID}", "getProcessDescription", "A process description", "Process");
        pathParameter(process, "processID");
        problem(process.with("get").with("responses"), "404", "no-such-process");
        for (Process<?> p : registry.processes()) {
            security.require(execution(paths, p.description()));
        }
        ObjectNode jobs = get(paths, "/jobs", "getJobs", "The jobs, newest first", "JobList");
        ArrayNode jobParameters = jobs.with("get").putArray("parameters");
        jobParameters.addObject().put("name", "limit").put("in", "query").putObject("schema").put("type", "integer")
                .put("minimum", 1).put("maximum", 1000).put("default", 10);
        jobParameters.addObject().put("name", "offset").put("in", "query").putObject("schema").put("type", "integer")
                .put("minimum", 0).put("default", 0);
        // the job-list class's filters (OGC API - Processes 1.0, /req/job-list): lists comma-separated or repeated
        for (String list : List.of("type", "processID", "status")) {
            ObjectNode items = jobParameters.addObject().put("name", list).put("in", "query").put("explode", false)
                    .putObject("schema").put("type", "array").putObject("items").put("type", "string");
            if (list.equals("status")) {
                items.putArray("enum").add("accepted").add("running").add("successful").add("failed").add("dismissed");
            }
        }
        jobParameters.addObject().put("name", "datetime").put("in", "query")
                .put("description", "when the job was created: an RFC 3339 date-time, or an interval start/end with "
                        + "'..' for an open end").putObject("schema").put("type", "string");
        for (String bound : List.of("minDuration", "maxDuration")) {
            jobParameters.addObject().put("name", bound).put("in", "query").put("description",
                    "seconds from the job's start to its end (or to now, while it runs)").putObject("schema")
                    .put("type", "integer").put("minimum", 0);
        }
        ObjectNode job = get(paths, "/jobs/{jobId}", "getStatus", "A job's status", "StatusInfo");
        pathParameter(job, "jobId");
        problem(job.with("get").with("responses"), "404", "no-such-job");
        ObjectNode dismiss = job.putObject("delete").put("operationId", "dismiss").put("summary", "Dismiss a job");
        ObjectNode dismissed = dismiss.putObject("responses").putObject("200").put("description", "The dismissed job");
        dismissed.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/StatusInfo");
        problem(dismiss.with("responses"), "404", "no-such-job");
        ObjectNode results = get(paths, "/jobs/{jobId}/results", "getResult", "A job's results", "Results");
        pathParameter(results, "jobId");
        problem(results.with("get").with("responses"), "404", "no-such-job or result-not-ready");
        ObjectNode output = paths.putObject("/jobs/{jobId}/results/{outputId}");
        ArrayNode outputParameters = output.putArray("parameters");
        outputParameters.addObject().put("name", "jobId").put("in", "path").put("required", true)
                .putObject("schema").put("type", "string");
        outputParameters.addObject().put("name", "outputId").put("in", "path").put("required", true)
                .putObject("schema").put("type", "string");
        ObjectNode raw = output.putObject("get").put("operationId", "getOutput").put("summary", "One output's bytes");
        raw.putObject("responses").putObject("200").put("description", "The output, in its media type");
        for (ObjectNode operation : new ObjectNode[] {jobs.with("get"), job.with("get"), dismiss,
            results.with("get"), raw}) {
            security.require(operation);
        }
        components(api);
        security.describe(api.with("components"));
        return api;
    }

    /** Each operation of an API document, for its page: method, path and summary, in the document's order. */
    static List<Map<String, String>> operations(JsonNode api) {
        List<Map<String, String>> operations = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (operation.getValue().has("responses")) {
                operations.add(Map.of("method", operation.getKey().toUpperCase(Locale.ROOT), "path", path.getKey(),
                        "summary", operation.getValue().path("summary").asText("")));
            }
        }));
        return operations;
    }

    private static ObjectNode get(ObjectNode paths, String path, String operationId, String summary, String schema) {
        ObjectNode item = paths.putObject(path);
        ObjectNode get = item.putObject("get").put("operationId", operationId).put("summary", summary);
        ObjectNode ok = get.putObject("responses").putObject("200").put("description", summary);
        if (schema != null) {
            ok.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + schema);
        }
        return item;
    }

    private static void pathParameter(ObjectNode item, String name) {
        item.putArray("parameters").addObject().put("name", name).put("in", "path").put("required", true)
                .putObject("schema").put("type", "string");
    }

    private static void problem(ObjectNode responses, String status, String what) {
        responses.putObject(status).put("description", what).putObject("content").putObject("application/problem+json")
                .putObject("schema").put("$ref", "#/components/schemas/Exception");
    }

    /** POST /processes/{id}/execution with the process's own inputs as the request schema. */
    private static ObjectNode execution(ObjectNode paths, ProcessDescription d) {
        ObjectNode post = paths.putObject("/processes/" + d.id() + "/execution").putObject("post")
                .put("operationId", "execute-" + d.id()).put("summary", "Execute " + d.title());
        post.putArray("parameters").addObject().put("name", "Prefer").put("in", "header")
                .put("description", "respond-async for an asynchronous job").putObject("schema").put("type", "string");
        ObjectNode schema = post.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode inputs = properties.putObject("inputs").put("type", "object").putObject("properties");
        ArrayNode required = ProcessJson.JSON.createArrayNode();
        for (Parameter input : d.inputs()) {
            ObjectNode value = oas30(ProcessJson.schema(input.type()));
            if (input.type() instanceof Parameter.Complex complex) {
                ObjectNode qualified = ProcessJson.JSON.createObjectNode();
                ArrayNode oneOf = qualified.putArray("oneOf");
                oneOf.add(value);
                oneOf.addObject().put("$ref", "#/components/schemas/QualifiedValue");
                oneOf.addObject().put("$ref", "#/components/schemas/Link");
                if (complex.formats().contains(Format.STAC_ITEM)) {
                    oneOf.addObject().put("$ref", "#/components/schemas/CollectionInput");
                }
                value = qualified;
            }
            inputs.set(input.name(), value);
            if (input.required()) {
                required.add(input.name());
            }
        }
        if (!required.isEmpty()) {
            properties.with("inputs").set("required", required);
        }
        properties.putObject("outputs").put("type", "object").putObject("additionalProperties")
                .put("$ref", "#/components/schemas/Output");
        properties.putObject("response").put("type", "string").putArray("enum").add("raw").add("document");
        ObjectNode subscriber = properties.putObject("subscriber").put("type", "object")
                .put("description", "where the job's news is POSTed (callbacks): its results on success, its "
                        + "statusInfo when it runs or fails; URLs the reference rules allow");
        for (String uri : List.of("successUri", "inProgressUri", "failedUri")) {
            subscriber.with("properties").putObject(uri).put("type", "string").put("format", "uri");
        }
        ObjectNode responses = post.putObject("responses");
        responses.putObject("200").put("description", "Synchronous execution: the results (document) or one output (raw)");
        responses.putObject("201").put("description", "Asynchronous execution accepted; Location names the job")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/StatusInfo");
        problem(responses, "400", "invalid input");
        problem(responses, "404", "no-such-process");
        problem(responses, "503", "server busy");
        return post;
    }

    /**
     * OpenAPI 3.0 schemas predate contentMediaType and contentEncoding (JSON Schema 2019-09), which OGC
     * process descriptions use: say the media type in a description, and binary content as base64 bytes.
     */
    private static ObjectNode oas30(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.findParents("contentMediaType").forEach(parent -> {
            ObjectNode node = (ObjectNode) parent;
            node.put("description", "media type " + node.remove("contentMediaType").asText());
            if (node.has("contentEncoding")) {
                node.remove("contentEncoding");
                node.put("format", "byte");
            }
        });
        return copy;
    }

    private static void components(ObjectNode api) {
        ObjectNode schemas = api.putObject("components").putObject("schemas");
        // OGC API - Processes Part 3: a STAC API collection searched over the execution's area in a period
        ObjectNode collection = object(schemas, "CollectionInput", "collection", "datetime");
        collection.with("properties").putObject("collection").put("type", "string").put("format", "uri")
                .put("description", "<STAC API>/collections/<id>");
        collection.with("properties").putObject("datetime").put("type", "string")
                .put("description", "the period searched, e.g. 2024-05-01/2024-09-30");
        ObjectNode link = object(schemas, "Link", "href");
        link.with("properties").putObject("href").put("type", "string");
        link.with("properties").putObject("rel").put("type", "string");
        link.with("properties").putObject("type").put("type", "string");
        link.with("properties").putObject("title").put("type", "string");
        ObjectNode links = ProcessJson.JSON.createObjectNode().put("type", "array");
        links.putObject("items").put("$ref", "#/components/schemas/Link");
        ObjectNode landing = object(schemas, "LandingPage", "links");
        landing.with("properties").putObject("title").put("type", "string");
        landing.with("properties").set("links", links.deepCopy());
        ObjectNode conformance = object(schemas, "Conformance", "conformsTo");
        conformance.with("properties").putObject("conformsTo").put("type", "array").putObject("items").put("type", "string");
        ObjectNode summary = object(schemas, "Process", "id", "version");
        for (String field : new String[] {"id", "title", "description", "version"}) {
            summary.with("properties").putObject(field).put("type", "string");
        }
        summary.with("properties").putObject("inputs").put("type", "object");
        summary.with("properties").putObject("outputs").put("type", "object");
        summary.with("properties").set("links", links.deepCopy());
        ObjectNode list = object(schemas, "ProcessList", "processes");
        list.with("properties").putObject("processes").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/Process");
        ObjectNode status = object(schemas, "StatusInfo", "jobID", "status", "type");
        for (String field : new String[] {"jobID", "processID", "type", "message", "created", "started", "finished",
                "updated"}) {
            status.with("properties").putObject(field).put("type", "string");
        }
        status.with("properties").putObject("status").put("type", "string").putArray("enum")
                .add("accepted").add("running").add("successful").add("failed").add("dismissed");
        status.with("properties").putObject("progress").put("type", "integer").put("minimum", 0).put("maximum", 100);
        status.with("properties").set("links", links.deepCopy());
        ObjectNode jobList = object(schemas, "JobList", "jobs");
        jobList.with("properties").putObject("jobs").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/StatusInfo");
        jobList.with("properties").set("links", links.deepCopy());
        schemas.putObject("Results").put("type", "object").put("additionalProperties", true);
        ObjectNode qualified = object(schemas, "QualifiedValue", "value");
        qualified.with("properties").putObject("value");
        qualified.with("properties").putObject("mediaType").put("type", "string");
        qualified.with("properties").putObject("encoding").put("type", "string");
        ObjectNode output = schemas.putObject("Output").put("type", "object");
        output.putObject("properties").putObject("format").put("type", "object").putObject("properties")
                .putObject("mediaType").put("type", "string");
        output.with("properties").putObject("transmissionMode").put("type", "string").putArray("enum")
                .add("value").add("reference");
        ObjectNode exception = object(schemas, "Exception", "type");
        for (String field : new String[] {"type", "title", "detail", "instance"}) {
            exception.with("properties").putObject(field).put("type", "string");
        }
        exception.with("properties").putObject("status").put("type", "integer");
    }

    private static ObjectNode object(ObjectNode schemas, String name, String... required) {
        ObjectNode schema = schemas.putObject(name).put("type", "object");
        schema.putObject("properties");
        ArrayNode list = schema.putArray("required");
        for (String field : required) {
            list.add(field);
        }
        return schema;
    }
}
