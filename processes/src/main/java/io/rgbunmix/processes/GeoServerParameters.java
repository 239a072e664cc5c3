package io.rgbunmix.processes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each parameter of a description becomes in GeoServer's WPS, decided here, without GeoTools, so that the
 * default build tests it: the Java type GeoServer binds it to, its cardinality, its default as that type, and
 * its domain. The GeoServer extension only turns each {@link Native} into a GeoTools parameter. The rules follow
 * GeoServer's own conventions, so that the processes chain with its coverages, layers and processes: an image
 * is a coverage (several occurrences are several coverages), features are a feature collection, any other
 * file is GeoServer's raw data in the parameter's own formats, a literal is its Java type.
 */
public final class GeoServerParameters {
    private GeoServerParameters() {
    }

    /** The Java type GeoServer binds a parameter to; the extension names the classes. */
    public enum Binding {
        /** java.lang.String */
        TEXT,
        /** java.lang.Integer */
        INTEGER,
        /** java.lang.Double */
        DOUBLE,
        /** java.lang.Boolean */
        BOOLEAN,
        /** GridCoverage2D: any raster GeoServer reads, inline, by reference or from its catalog (internal WCS). */
        COVERAGE,
        /** SimpleFeatureCollection: GeoJSON, GML, a WFS layer, another process's features. */
        FEATURES,
        /** RawData: the bytes as sent, in one of {@link Native#mimeTypes()}. */
        RAW_DATA,
        /** ReferencedEnvelope: a bounding box with its CRS (WPS BoundingBoxData); the extension hands it over as text. */
        ENVELOPE
    }

    /**
     * One parameter as GeoServer describes it.
     *
     * @param defaultValue the default as the bound type (Integer, Double, String), or null
     * @param options      the only values a literal takes, or empty
     * @param minimum      a number's inclusive lower bound, or null
     * @param maximum      a number's inclusive upper bound, or null
     * @param mimeTypes    raw data's formats, the default first; empty for other bindings
     */
    public record Native(String name, String title, String description, Binding binding, int minOccurs,
                         int maxOccurs, Object defaultValue, List<String> options, Double minimum, Double maximum,
                         List<String> mimeTypes) {
        public boolean required() {
            return minOccurs > 0;
        }
    }

    /** The processes GeoServer offers: every one described, in the order the interfaces list them. */
    public static List<ProcessDescription> processes() {
        return ProcessDescriptions.all();
    }

    /** The namespace and local name of a process in GeoServer, from its WPS identifier ("unmix", "EstimateChange"). */
    public static String[] name(ProcessDescription process) {
        return process.wpsIdentifier().split(":", 2);
    }

    public static List<Native> inputs(ProcessDescription process) {
        return process.inputs().stream().map(GeoServerParameters::of).toList();
    }

    public static List<Native> outputs(ProcessDescription process) {
        return process.outputs().stream().map(GeoServerParameters::of).toList();
    }

    /** The GeoServer form of one parameter. */
    public static Native of(Parameter parameter) {
        if (parameter.type() instanceof Parameter.Literal literal) {
            Binding binding = switch (literal.dataType()) {
                case "integer" -> Binding.INTEGER;
                case "double" -> Binding.DOUBLE;
                case "boolean" -> Binding.BOOLEAN;
                default -> Binding.TEXT;
            };
            return new Native(parameter.name(), parameter.title(), parameter.description(), binding,
                    parameter.minOccurs(), parameter.maxOccurs(), typed(binding, literal.defaultValue()),
                    literal.allowedValues(), literal.minimum(), literal.maximum(), List.of());
        }
        if (parameter.type() instanceof Parameter.BoundingBox) {
            return new Native(parameter.name(), parameter.title(), parameter.description(), Binding.ENVELOPE,
                    parameter.minOccurs(), parameter.maxOccurs(), null, List.of(), null, null, List.of());
        }
        Parameter.Complex complex = (Parameter.Complex) parameter.type();
        Binding binding = complex.accepts(Format.GEOTIFF.mimeType()) ? Binding.COVERAGE
                : complex.accepts(Format.GEOJSON.mimeType()) || complex.accepts(Format.GML3.mimeType())
                ? Binding.FEATURES : Binding.RAW_DATA;
        List<String> mimeTypes = binding == Binding.RAW_DATA
                ? complex.formats().stream().map(Format::mimeType).toList() : List.of();
        return new Native(parameter.name(), parameter.title(), parameter.description(), binding,
                parameter.minOccurs(), parameter.maxOccurs(), null, List.of(), null, null, mimeTypes);
    }

    /** A literal's default as its bound type; the description writes it as text. */
    static Object typed(Binding binding, String text) {
        if (text == null) {
            return null;
        }
        return switch (binding) {
            case INTEGER -> Integer.valueOf(text);
            case DOUBLE -> Double.valueOf(text);
            case BOOLEAN -> Boolean.valueOf(text);
            default -> text;
        };
    }

    /** The values GeoServer gives for one input: a repeatable input's list, or the one value. */
    public static List<?> values(Object value) {
        return value == null ? List.of() : value instanceof List<?> list ? list : List.of(value);
    }

    /**
     * The values GeoServer parsed, as the description's checks ({@link ProcessInputs#validate}) read them: a literal
     * as its text (a bounding box as {@link Box}'s, which the extension makes of GeoServer's envelope), each coverage, feature collection or raw data as a complex value in the input's default format
     * (GeoServer decoded it already, and the front end hands the object itself to the binder).
     */
    public static Map<String, List<InputValue>> given(ProcessDescription process, Map<String, Object> input) {
        Map<String, List<InputValue>> given = new LinkedHashMap<>();
        input.forEach((name, value) -> {
            boolean literal = process.input(name).map(p -> p.type().textual()).orElse(true);
            List<InputValue> values = values(value).stream().map(one -> literal
                    ? (InputValue) new InputValue.Literal(String.valueOf(one)) : new InputValue.Complex(null, null))
                    .toList();
            if (!values.isEmpty()) {
                given.put(name, values);
            }
        });
        return given;
    }
}
