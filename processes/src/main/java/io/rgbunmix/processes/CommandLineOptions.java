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
            command.addOption(OptionSpec.builder(names.toArray(String[]::new)).type(String.class)
                    .paramLabel(labels.getOrDefault(input.name(), label(input))).description(words)
                    .defaultValue(defaultValue).required(input.minOccurs() > 0).build());
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
        return "FILE";
    }

    /** The options of {@code command} that {@link #add} made, for the same description and skipped inputs. */
    public static CommandLineOptions of(CommandSpec command, ProcessDescription description, List<String> skipped) {
        return new CommandLineOptions(offered(description, skipped), command);
    }

    /** What was given for an input (or its default), as text; empty when neither. */
    public Optional<String> text(String input) {
        OptionSpec option = command.findOption(OptionNames.flag(input));
        return option == null ? Optional.empty() : Optional.ofNullable(option.getValue());
    }

    public Optional<Path> path(String input) {
        return text(input).map(Path::of);
    }

    /**
     * The literals given (and the defaults) checked against the description as a server checks them;
     * the files stand in for the complex inputs. A refusal names the option, not the input.
     */
    public ProcessInputs checked() throws InvalidInputException {
        Map<String, List<InputValue>> given = new LinkedHashMap<>();
        for (Parameter input : description.inputs()) {
            Optional<String> value = text(input.name());
            if (value.isEmpty()) {
                continue;
            }
            given.put(input.name(), List.of(input.type() instanceof Parameter.Literal
                    ? new InputValue.Literal(value.get()) : new InputValue.Complex(null, Path.of(value.get()))));
        }
        try {
            return ProcessInputs.validate(description, given);
        } catch (InputException e) {
            String name = e.locator() == null ? "" : e.locator();
            throw new InvalidInputException(name, String.valueOf(e.getMessage())
                    .replace("input '" + name + "'", OptionNames.flag(name)));
        }
    }
}
