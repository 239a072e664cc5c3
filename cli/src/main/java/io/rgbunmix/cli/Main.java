package io.rgbunmix.cli;

import io.rgbunmix.config.Settings;
import io.rgbunmix.lifewatch.BatchException;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.unmix.InvalidInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point: dispatches to the sub-commands. Any failure is one line on stderr; the exit code is 2
 * when the user's input or an option is at fault (as for picocli's own usage errors), 1 otherwise.
 */
@Command(name = "rgbunmix", mixinStandardHelpOptions = true, version = "rgbunmix 0.1.0",
        description = "Land-cover abundances (SIPNA N1/N2) for every 224 x 224 window of a Sentinel-2 RGB raster.",
        subcommands = {ServeCommand.class, RunCommand.class, ChangeCommand.class, BatchCommand.class, ModelsCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        // the options that the process descriptions make, beside each command's own
        RunCommand.addDescribedOptions(line.getSubcommands().get("run").getCommandSpec());
        BatchCommand.addDescribedOptions(line.getSubcommands().get("batch").getCommandSpec());
        ChangeCommand.addDescribedOptions(line.getSubcommands().get("change").getCommandSpec());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            cmd.getErr().println("rgbunmix: error: " + message);
            return isInputProblem(e) ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return line;
    }

    /** Whether a failure comes from what the user gave: a file that is missing or unreadable, a bad value. */
    static boolean isInputProblem(Exception e) {
        return e instanceof InvalidInputException || e instanceof RasterException || e instanceof BatchException
                || e instanceof Settings.InvalidSettingsException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException || e instanceof NotDirectoryException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
