package io.rgbunmix.execution;

import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.model.ModelStore;
import java.util.List;
import java.util.Optional;

/** The processes a server offers, found by OGC API id or by WPS identifier. */
public record ProcessRegistry(List<Process<?>> processes) {
    /** The server's processes; {@code rasters} opens their raster inputs (never a server file named by a client). */
    public static ProcessRegistry standard(ModelStore models, Settings.Limits limits, RasterInputs rasters) {
        return new ProcessRegistry(List.of(new EstimateAbundancesProcess(models, limits, rasters),
                new EstimateAbundancesBatchProcess(models, limits), new EchoProcess(),
                new EstimateChangeProcess(models, limits, rasters)));
    }

    public Optional<Process<?>> byId(String id) {
        return processes.stream().filter(p -> p.description().id().equals(id)).findFirst();
    }

    public Optional<Process<?>> byWpsIdentifier(String identifier) {
        return processes.stream().filter(p -> p.description().wpsIdentifier().equals(identifier)).findFirst();
    }
}
