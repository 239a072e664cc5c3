package io.rgbunmix.processes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process's inputs checked against its description: unknown names, missing required inputs,
 * too many values, literal domains (allowed values, number type and bounds), bounding boxes and complex formats
 * are refused with the input named; absent literals take their declared default.
 */
public final class ProcessInputs {
    private final Map<String, List<InputValue>> values;

    private ProcessInputs(Map<String, List<InputValue>> values) {
        this.values = values;
    }

    public static ProcessInputs validate(ProcessDescription process, Map<String, List<InputValue>> given)
            throws InputException {
        for (String name : given.keySet()) {
            if (process.input(name).isEmpty()) {
                throw new InputException(InputException.INVALID, name, "process " + process.id()
                        + " has no input '" + name + "'");
            }
        }
        Map<String, List<InputValue>> checked = new LinkedHashMap<>();
        for (Parameter input : process.inputs()) {
            List<InputValue> list = given.getOrDefault(input.name(), List.of());
            if (list.size() > input.maxOccurs()) {
                throw new InputException(InputException.INVALID, input.name(), "input '" + input.name()
                        + "' takes at most " + input.maxOccurs() + " value(s), got " + list.size());
            }
            if (list.isEmpty()) {
                if (input.required()) {
                    throw new InputException(InputException.MISSING, input.name(), "input '" + input.name()
                            + "' is required");
                }
                if (input.type() instanceof Parameter.Literal literal && literal.defaultValue() != null) {
                    checked.put(input.name(), List.of(new InputValue.Literal(literal.defaultValue())));
                }
                continue;
            }
            List<InputValue> values = new ArrayList<>();
            for (InputValue value : list) {
                values.add(check(input, value));
            }
            checked.put(input.name(), List.copyOf(values));
        }
        return new ProcessInputs(checked);
    }

    private static InputValue check(Parameter input, InputValue value) throws InputException {
        String name = input.name();
        if (input.type() instanceof Parameter.Complex complex) {
            if (!(value instanceof InputValue.Complex given)) {
                throw new InputException(InputException.INVALID, name, "input '" + name + "' takes a complex value ("
                        + formats(complex) + "), not a literal");
            }
            if (given.collection() != null && !(complex.accepts(Format.GEOTIFF.mimeType())
                    && complex.accepts(Format.STAC_ITEM.mimeType()))) {
                throw new InputException(InputException.INVALID, name, "input '" + name + "' takes no collection: "
                        + "only an image input, whose dates a STAC collection gives, does");
            }
            String asked = given.mimeType() == null ? complex.defaultFormat().mimeType() : given.mimeType();
            String mimeType = complex.resolve(asked).orElseThrow(() -> new InputException(InputException.INVALID, name,
                    "input '" + name + "' does not take " + asked + "; use one of " + formats(complex)));
            return new InputValue.Complex(mimeType, given.file(), given.href(), given.collection());
        }
        if (!(value instanceof InputValue.Literal given)) {
            throw new InputException(InputException.INVALID, name, "input '" + name + "' takes "
                    + (input.type() instanceof Parameter.Literal literal ? "a literal " + literal.dataType()
                    : "a bounding box") + ", not a complex value");
        }
        String text = given.text() == null ? "" : given.text().trim();
        int broken = unpairedSurrogate(text);
        if (broken >= 0) {
            // a JSON escape can carry half of a UTF-16 surrogate pair, which no file, log or document can hold
            throw new InputException(InputException.INVALID, name, "input '" + name + "' is not valid Unicode text: "
                    + "character " + (broken + 1) + " is half of a UTF-16 surrogate pair");
        }
        if (input.type() instanceof Parameter.BoundingBox) {
            try {
                return new InputValue.Literal(Box.parse(text).text());
            } catch (IllegalArgumentException e) {
                throw new InputException(InputException.INVALID, name, "input '" + name + "': " + e.getMessage());
            }
        }
        Parameter.Literal literal = (Parameter.Literal) input.type();
        if (!literal.allowedValues().isEmpty()) {
            return new InputValue.Literal(literal.allowedValues().stream().filter(a -> a.equalsIgnoreCase(text))
                    .findFirst().orElseThrow(() -> new InputException(InputException.INVALID, name, "input '" + name
                            + "' must be one of " + String.join(", ", literal.allowedValues()) + ", got '" + text + "'")));
        }
        if (literal.dataType().equals("integer") || literal.dataType().equals("double")) {
            double number;
            try {
                number = literal.dataType().equals("integer") ? Long.parseLong(text) : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InputException(InputException.INVALID, name, "input '" + name + "' must be "
                        + (literal.dataType().equals("integer") ? "an integer" : "a number") + ", got '" + text + "'");
            }
            if (!Double.isFinite(number) || (literal.minimum() != null && number < literal.minimum())
                    || (literal.maximum() != null && number > literal.maximum())) {
                throw new InputException(InputException.INVALID, name, "input '" + name + "' must be between "
                        + plain(literal.minimum()) + " and " + plain(literal.maximum()) + ", got " + text);
            }
        }
        return new InputValue.Literal(text);
    }

    /** The index of the first surrogate that is not part of a pair, or -1. */
    private static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String formats(Parameter.Complex complex) {
        return String.join(", ", complex.formats().stream().map(Format::mimeType).toList());
    }

    private static String plain(Double bound) {
        if (bound == null) {
            return "any";
        }
        return bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : bound.toString();
    }

    /** A literal's text (the default where absent), if any. */
    public Optional<String> text(String name) {
        return first(name) instanceof InputValue.Literal l ? Optional.of(l.text()) : Optional.empty();
    }

    /** Every literal's text of an input (a box's, in {@link Box}'s form), in the order given; empty when absent. */
    public List<String> texts(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> v instanceof InputValue.Literal)
                .map(v -> ((InputValue.Literal) v).text()).toList();
    }

    private InputValue first(String name) {
        List<InputValue> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public int integer(String name) {
        return Integer.parseInt(text(name).orElseThrow());
    }

    public double number(String name) {
        return Double.parseDouble(text(name).orElseThrow());
    }

    /** The first (for most inputs, the only) complex value of an input. */
    public Optional<InputValue.Complex> complex(String name) {
        return first(name) instanceof InputValue.Complex c ? Optional.of(c) : Optional.empty();
    }

    /** Every complex value of an input, in the order given; empty when absent. */
    public List<InputValue.Complex> complexes(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> v instanceof InputValue.Complex)
                .map(v -> (InputValue.Complex) v).toList();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every input with its checked values (defaults included), in the order of the description. */
    public Map<String, List<InputValue>> values() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
