package io.rgbunmix.html;

import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a browser gets at {@code /wps}: the processes, with links to their WPS documents, and a
 * request builder that composes an Execute from a form (as GeoServer's does) and sends it. The
 * form's fields come from the same process descriptions as DescribeProcess.
 */
public final class WpsPage {
    private final ProcessRegistry registry;
    private final Pages pages;

    public WpsPage(ProcessRegistry registry, Pages pages) {
        this.registry = registry;
        this.pages = pages;
    }

    /** @param endpoint the WPS URL the page's requests go to */
    public String render(String endpoint) {
        List<Map<String, Object>> processes = new ArrayList<>();
        int index = 0;
        for (Process<?> process : registry.processes()) {
            ProcessDescription d = process.description();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("index", index++);
            p.put("identifier", d.wpsIdentifier());
            p.put("title", d.title());
            p.put("abstract", d.description());
            p.put("inputs", d.inputs().stream().map(WpsPage::field).toList());
            p.put("outputs", d.outputs().stream().map(o -> Map.of("name", o.name(), "title", o.title(),
                    "formats", formats(o.type()))).toList());
            processes.add(p);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "OGC WPS 1.0.0");
        model.put("endpoint", endpoint);
        model.put("processes", processes);
        return pages.render("wps", model);
    }

    private static Map<String, Object> field(Parameter input) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", input.name());
        field.put("title", input.title());
        field.put("description", input.description());
        field.put("required", input.required());
        if (input.type() instanceof Parameter.Literal literal) {
            field.put("kind", literal.allowedValues().isEmpty() ? "literal" : "enum");
            field.put("options", literal.allowedValues());
            field.put("defaultValue", literal.defaultValue() == null ? "" : literal.defaultValue());
            field.put("dataType", literal.dataType());
        } else if (input.type() instanceof Parameter.BoundingBox box) {
            // sent as LiteralData in WPS 1.0.0's KVP form, which the server reads as the box
            field.put("kind", "literal");
            field.put("options", List.of());
            field.put("defaultValue", "minx,miny,maxx,maxy," + box.defaultCrs());
            field.put("dataType", "bounding box");
        } else {
            field.put("kind", "complex");
            field.put("formats", formats(input.type()));
        }
        return field;
    }

    private static List<String> formats(Parameter.Type type) {
        return type instanceof Parameter.Complex complex ? complex.formats().stream().map(Format::mimeType).toList()
                : List.of();
    }
}
