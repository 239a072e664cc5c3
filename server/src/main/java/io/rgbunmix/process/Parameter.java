package io.rgbunmix.process;

import java.util.List;

/**
 * One input or output of a process, as data.
 *
 * @param name        identifier (WPS ows:Identifier, OGC API key)
 * @param type        literal (with its domain) or complex (with its formats)
 * @param minOccurs   0 for optional inputs; outputs use 1
 * @param maxOccurs   1 for single values
 */
public record Parameter(String name, String title, String description, Type type, int minOccurs, int maxOccurs) {
    /** What values the parameter takes. */
    public sealed interface Type permits Literal, Complex {
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
    }

    public static Parameter input(String name, String title, String description, Type type, boolean required) {
        return new Parameter(name, title, description, type, required ? 1 : 0, 1);
    }

    public static Parameter output(String name, String title, String description, Type type) {
        return new Parameter(name, title, description, type, 1, 1);
    }

    public boolean required() {
        return minOccurs > 0;
    }
}
