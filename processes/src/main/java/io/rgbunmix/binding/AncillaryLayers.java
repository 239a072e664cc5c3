package io.rgbunmix.binding;

import io.rgbunmix.ancillary.AncillaryRaster;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.LayeredAncillary;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.raster.OpenedRaster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The ancillary data of a run as its user gives them, in any mix: explicit values, a DEM (elevation
 * and slope), a raster per variable, features. Opens the rasters through the run's sources and closes
 * them with the run.
 */
public final class AncillaryLayers implements AutoCloseable {
    private final List<OpenedRaster> opened = new ArrayList<>();
    private final AncillarySource source;

    /**
     * @param values    "name=value,..." for any of the seven, or null
     * @param dem       whether a DEM ({@code dem}) was given
     * @param variables the variables given a raster of their own ({@code temp_aveRaster} ...), lower case as in the model
     * @param features  features for what is left, or null
     * @param imageCrs  the CRS of the image the windows come from
     * @throws InputException naming the input at fault ("ancillaryValues", "dem", the variable's raster)
     */
    public AncillaryLayers(RunSources sources, String values, boolean dem, List<String> variables,
                           AncillarySource features, CoordinateReferenceSystem imageCrs) throws Exception {
        Map<Integer, Double> explicit = RunBinder.parse("ancillaryValues",
                () -> values == null ? Map.<Integer, Double>of() : AncillaryValues.parseSome(values));
        Map<Integer, LayeredAncillary.Layer> layers = new LinkedHashMap<>();
        try {
            if (dem) {
                layers.put(ModelContract.ANCILLARY.indexOf("elevation"), new LayeredAncillary.Layer("dem",
                        raster(sources, "dem", AncillaryRaster.Quantity.VALUE, imageCrs)));
                layers.put(ModelContract.ANCILLARY.indexOf("slope"), new LayeredAncillary.Layer("dem",
                        raster(sources, "dem", AncillaryRaster.Quantity.SLOPE_DEGREES, imageCrs)));
            }
            for (String variable : variables) {
                layers.put(ModelContract.ANCILLARY.indexOf(variable), new LayeredAncillary.Layer("raster",
                        raster(sources, variable + "Raster", AncillaryRaster.Quantity.VALUE, imageCrs)));
            }
            this.source = new LayeredAncillary(explicit, layers, features);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Each use of a raster gets its own reader: elevation and slope read the DEM in turn. */
    private AncillaryRaster raster(RunSources sources, String input, AncillaryRaster.Quantity quantity,
                                   CoordinateReferenceSystem imageCrs) throws Exception {
        List<OpenedRaster> rasters = sources.rasters(input);
        opened.addAll(rasters);
        return RunBinder.parse(input, () -> new AncillaryRaster(rasters.get(0).source(), quantity, imageCrs));
    }

    public AncillarySource source() {
        return source;
    }

    @Override
    public void close() {
        for (OpenedRaster raster : opened) {
            try {
                raster.close();
            } catch (Exception ignored) {
                // the readers of finished work: nothing is lost if one fails to close
            }
        }
        opened.clear();
    }
}
