package io.rgbunmix.processes;

import io.rgbunmix.unmix.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's options made from a process description: one per input, named by {@link OptionNames},
 * with the input's words, default and cardinality, so that the command line offers what the servers
 * offer. Values are checked as the servers check them (types, ranges, allowed values), and a refusal
 * names the option. A few inputs keep older names as aliases, so no documented command breaks.
 */
public final class CommandLineOptions {
    private final ProcessDescription description;
    private final CommandSpec command;

    private CommandLineOptions(ProcessDescription description, CommandSpec command) {
        this.description = description;
        this.command = command;
    }

    /** {@code description} with only the inputs a command offers as options. */
    private static ProcessDescription offered(ProcessDescription description, List<String> skipped) {
        return new ProcessDescription(description.id(), description.wpsIdentifier(), description.title(),
                description.description(), description.version(),
                description.inputs().stream().filter(p -> !skipped.contains(p.name())).toList(), description.outputs());
    }

    /**
     * Adds an option for each of {@code description}'s inputs to {@code command}, but those in
     * {@code skipped} (which the command offers in its own way). {@code aliases} gives older names,
     * {@code labels} the value's form in the help, {@code notes} words added to an input's own.
     */
    public static CommandLineOptions add(CommandSpec command, ProcessDescription description, List<String> skipped,
                                Map<String, String> aliases, Map<String, String> labels, Map<String, String> notes) {
        for (Parameter input : description.inputs()) {
            if (skipped.contains(input.name())) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(OptionNames.flag(input.name())));
            if (aliases.containsKey(input.name())) {
                names.add(aliases.get(input.name()));
            }
            String defaultValue = input.type() instanceof Parameter.Literal literal ? literal.defaultValue() : null;
            String words = input.description() + notes.getOrDefault(input.name(), "")
                    + (defaultValue == null ? "" : " (default: ${DEFAULT-VALUE})");
            OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
                    .paramLabel(labels.getOrDefault(input.name(), label(input)))
                    .description(words + (input.maxOccurs() > 1 ? " Repeatable." : "")
                            + (input.required() ? " Required." : ""))
                    // required inputs are checked by checked(), where a command may give them another way
                    .defaultValue(defaultValue);
            if (input.maxOccurs() > 1) {
                option.type(List.class).auxiliaryTypes(String.class).arity("1");
            } else {
                option.type(String.class);
            }
            command.addOption(option.build());
        }
        return new CommandLineOptions(offered(description, skipped), command);
    }

    private static String label(Parameter input) {
        if (input.type() instanceof Parameter.Literal literal) {
            return !literal.allowedValues().isEmpty() ? String.join("|", literal.allowedValues())
                    : switch (literal.dataType()) {
                        case "integer" -> "N";
                        case "double" -> "X";
                        default -> "TEXT";
                    };
        }
        return input.type() instanceof Parameter.BoundingBox ? "MINX,MINY,MAXX,MAXY[,CRS]" : "FILE";
    }

    /** The options of {@code command} that {@link #add} made, for the same description and skipped inputs. */
    public static CommandLineOptions of(CommandSpec command, ProcessDescription description, List<String> skipped) {
        return new CommandLineOptions(offered(description, skipped), command);
    }

    /** What was given for an input (or its default), as text; the first value of a repeatable one; empty when neither. */
    public Optional<String> text(String input) {
        List<String> all = texts(input);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every value given for an input, in order (its default when none was). */
    public List<String> texts(String input) {
        OptionSpec option = command.findOption(OptionNames.flag(input));
        Object value = option == null ? null : option.getValue();
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of((String) value);
    }

    public List<Path> paths(String input) {
        return texts(input).stream().map(Path::of).toList();
    }

    public Optional<Path> path(String input) {
        return text(input).map(Path::of);
    }

    /**
     * The literals given (and the defaults) checked against the description as a server checks them;
     * the files stand in for the complex inputs. A refusal names the option, not the input.
     */
    public ProcessInputs checked() throws InvalidInputException {
        return checked(List.of());
    }

    /**
     * As {@link #checked()}, with {@code givenOtherwise} taken as given although their options are not
     * (a command's own way to give them, such as a STAC search for the rasters).
     */
    public ProcessInputs checked(List<String> givenOtherwise) throws InvalidInputException {
        Map<String, List<InputValue>> given = new LinkedHashMap<>();
        for (String name : givenOtherwise) {
            given.put(name, List.of(new InputValue.Complex(null, Path.of("."))));
        }
        for (Parameter input : description.inputs()) {
            List<String> values = texts(input.name());
            if (values.isEmpty() || given.containsKey(input.name())) {
                continue;
            }
            given.put(input.name(), values.stream().map(value -> input.type().textual()
                    ? (InputValue) new InputValue.Literal(value) : new InputValue.Complex(null, Path.of(value))).toList());
        }
        try {
            return ProcessInputs.validate(description, given);
        } catch (InputException e) {
            throw refusal(e);
        }
    }

    /** A refusal in the command line's words: each input it names, quoted, is called by its option. */
    public InvalidInputException refusal(InputException e) {
        String message = String.valueOf(e.getMessage());
        for (Parameter input : description.inputs()) {
            message = message.replace("input '" + input.name() + "'", OptionNames.flag(input.name()))
                    .replace("'" + input.name() + "'", OptionNames.flag(input.name()));
        }
        return new InvalidInputException(e.locator() == null ? "" : e.locator(), message, e);
    }
}
