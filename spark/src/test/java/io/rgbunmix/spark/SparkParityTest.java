package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.rgbunmix.processes.OptionNames;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescriptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The Spark job offers each input of estimate-abundances, but those it names as not offered, as described. */
class SparkParityTest {
    @Test
    void everyOfferedInputIsAnOptionWithTheDescriptionsDefault() {
        CommandSpec job = SparkJob.commandLine().getCommandSpec();
        List<Parameter> offered = ProcessDescriptions.ESTIMATE_ABUNDANCES.inputs().stream()
                .filter(p -> !SparkJob.NOT_OFFERED.contains(p.name())).toList();
        // --rasters stands for raster and mask (a line names a raster's dates and their masks): all else is offered
        assertEquals(List.of("raster", "mask"), SparkJob.NOT_OFFERED);
        assertEquals(ProcessDescriptions.ESTIMATE_ABUNDANCES.inputs().size() - 2, offered.size());
        for (Parameter input : offered) {
            OptionSpec option = job.findOption(OptionNames.flag(input.name()));
            assertNotNull(option, OptionNames.flag(input.name()));
            assertEquals(input.type() instanceof Parameter.Literal literal ? literal.defaultValue() : null,
                    option.defaultValue(), option.longestName());
        }
    }
}
