package io.rgbunmix.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: dispatches to the sub-commands; any failure is one line on stderr and exit code 1. */
@Command(name = "rgbunmix", mixinStandardHelpOptions = true, version = "rgbunmix 0.1.0",
        description = "Land-cover abundances (SIPNA N1/N2) for every 224 x 224 window of a Sentinel-2 RGB raster.",
        subcommands = {ServeCommand.class, RunCommand.class, BatchCommand.class, ModelsCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            cmd.getErr().println("rgbunmix: error: " + message);
            return 1;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
