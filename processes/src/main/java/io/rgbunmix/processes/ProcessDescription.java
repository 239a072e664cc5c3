package io.rgbunmix.processes;

import java.util.List;
import java.util.Optional;

/**
 * Everything a client learns of a process before running it.
 *
 * @param id            OGC API - Processes id, e.g. "estimate-abundances"
 * @param wpsIdentifier WPS identifier in GeoServer's prefix:Name style, e.g. "unmix:EstimateAbundances"
 */
public record ProcessDescription(String id, String wpsIdentifier, String title, String description, String version,
                                 List<Parameter> inputs, List<Parameter> outputs) {
    public Optional<Parameter> input(String name) {
        return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Parameter> output(String name) {
        return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
