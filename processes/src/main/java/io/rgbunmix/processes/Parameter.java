package io.rgbunmix.processes;

import java.util.List;
import java.util.Optional;

/**
 * One input or output of a process, as data.
 *
 * @param name        identifier (WPS ows:Identifier, OGC API key)
 * @param type        literal (with its domain), complex (with its formats) or a bounding box
 * @param minOccurs   0 for optional inputs; outputs use 1
 * @param maxOccurs   1 for single values
 */
public record Parameter(String name, String title, String description, Type type, int minOccurs, int maxOccurs) {
    /** What values the parameter takes. */
    public sealed interface Type permits Literal, Complex, BoundingBox {
        /** Whether a value is text: a literal, or a bounding box in {@link Box}'s form; not a file. */
        default boolean textual() {
            return !(this instanceof Complex);
        }
    }

    /**
     * A bounding box, given as {@link Box}'s text (WPS 1.0.0's KVP form) or in each protocol's own encoding
     * (ows:BoundingBox, OGC API's {@code {"bbox": [...], "crs": ...}}), which the protocols read into that text.
     *
     * @param crs the CRSs a description names, the default first (a box without one is in the default)
     */
    public record BoundingBox(List<String> crs) implements Type {
        public BoundingBox {
            crs = List.copyOf(crs);
        }

        public String defaultCrs() {
            return crs.get(0);
        }
    }

    /**
     * A literal value.
     *
     * @param dataType      xs:string, xs:integer, xs:double or xs:boolean
     * @param allowedValues the only accepted values, or empty
     * @param minimum       inclusive lower bound for numbers, or null
     * @param maximum       inclusive upper bound for numbers, or null
     * @param defaultValue  the value taken when the input is absent, or null
     */
    public record Literal(String dataType, List<String> allowedValues, Double minimum, Double maximum,
                          String defaultValue) implements Type {
        public static Literal string(String defaultValue) {
            return new Literal("string", List.of(), null, null, defaultValue);
        }
    }

    /** A complex value in one of the formats; the first is the default. */
    public record Complex(List<Format> formats) implements Type {
        public Format defaultFormat() {
            return formats.get(0);
        }

        public boolean accepts(String mimeType) {
            return formats.stream().anyMatch(f -> MimeTypes.same(f.mimeType(), mimeType));
        }

        /**
         * The format a client's media type names, if this value takes it: the same type, or one of the
         * names clients use for it: GeoJSON's registered application/geo+json and the older
         * application/json for each other, and a bare text/xml (as GeoServer takes it) for the first
         * text/xml format with a subtype.
         */
        public Optional<String> resolve(String mimeType) {
            String given = MimeTypes.normalise(mimeType);
            List<String> names = given.startsWith("application/geo+json") ? List.of(given, "application/json")
                    : given.equals("application/json") ? List.of(given, "application/geo+json") : List.of(given);
            for (String name : names) {
                Optional<String> same = formats.stream().map(Format::mimeType).filter(f -> MimeTypes.same(f, name))
                        .findFirst();
                if (same.isPresent()) {
                    return same;
                }
            }
            return given.equals("text/xml") ? formats.stream().map(Format::mimeType)
                    .filter(f -> MimeTypes.normalise(f).startsWith("text/xml; subtype=")).findFirst() : Optional.empty();
        }
    }

    public static Parameter input(String name, String title, String description, Type type, boolean required) {
        return new Parameter(name, title, description, type, required ? 1 : 0, 1);
    }

    /** An input that takes up to {@code maxOccurs} values (a WPS input given several times, an OGC API array). */
    public static Parameter repeatable(String name, String title, String description, Type type, boolean required,
                                       int maxOccurs) {
        return new Parameter(name, title, description, type, required ? 1 : 0, maxOccurs);
    }

    public static Parameter output(String name, String title, String description, Type type) {
        return new Parameter(name, title, description, type, 1, 1);
    }

    public boolean required() {
        return minOccurs > 0;
    }
}
