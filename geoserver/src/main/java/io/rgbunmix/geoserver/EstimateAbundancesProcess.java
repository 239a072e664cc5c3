package io.rgbunmix.geoserver;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixException;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.ProcessException;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;
import org.geotools.text.Text;

/**
 * {@code unmix:EstimateAbundances} in GeoServer: the standalone server's process, with
 * GeoServer-native inputs and outputs so that it chains with coverages, layers and other
 * processes. Everything between the adapters is the engine.
 */
@DescribeProcess(title = "Estimate land-cover abundances",
        description = "Percentage of each SIPNA land-use/land-cover class (level N1: 4 classes, N2: 10) in every "
                + "224 x 224 window of a 10 m RGB raster, from an EfficientNet-B0 + ancillary model.")
public class EstimateAbundancesProcess implements UnmixProcess {
    private final UnmixModels models;

    public EstimateAbundancesProcess(UnmixModels models) {
        this.models = models;
    }

    @DescribeResults({
        @DescribeResult(name = "result", type = SimpleFeatureCollection.class, primary = true,
                description = "One polygon per processed window (in the raster's CRS) with one percent attribute per "
                        + "class, the dominant class, presence probabilities and the ancillary values used."),
        @DescribeResult(name = "abundanceRaster", type = GridCoverage2D.class,
                description = "One float band per class (percent), one pixel per window, NaN for skipped windows.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "raster", description = "RGB raster at 10 m, any CRS.") GridCoverage2D raster,
            @DescribeParameter(name = "ancillary", min = 0, description = "Polygons or points carrying "
                    + "evapotranspiration, precipitation, elevation, slope, temp_ave, temp_max, temp_min.")
                    SimpleFeatureCollection ancillary,
            @DescribeParameter(name = "ancillaryValues", min = 0, description = "The 7 values for every window, "
                    + "'name=value,...'; give this or 'ancillary'.") String ancillaryValues,
            @DescribeParameter(name = "level", min = 0, defaultValue = "N1",
                    description = "N1 (4 classes) or N2 (10 classes).") Level level,
            @DescribeParameter(name = "stride", min = 0, defaultValue = "224", minValue = 1, maxValue = 224,
                    description = "Pixels between windows; below 224 they overlap.") Integer stride,
            @DescribeParameter(name = "bands", min = 0, defaultValue = "1,2,3",
                    description = "1-based indexes of the red, green and blue bands, 'r,g,b'.") String bands,
            @DescribeParameter(name = "rescale", min = 0, description = "'min,max' stretched linearly to 0..255; "
                    + "required for non-8-bit rasters.") String rescale,
            @DescribeParameter(name = "minValidFraction", min = 0, defaultValue = "1.0", minValue = 0, maxValue = 1,
                    description = "Windows with less valid (non-nodata) area are skipped.") Double minValidFraction,
            ProgressListener monitor) {
        UnmixOptions options = options(level, stride, bands, rescale, minValidFraction);
        CoverageRaster source = input("raster", () -> new CoverageRaster(raster));
        AncillarySource ancillarySource = ancillary(ancillary, ancillaryValues, source);
        GeoToolsResults results = new GeoToolsResults(input("raster",
                () -> GeoToolsCrs.eastNorth(raster.getCoordinateReferenceSystem2D())));
        ProgressListener progress = monitor != null ? monitor : new org.geotools.data.util.NullProgressListener();
        progress.started();
        progress.setTask(Text.text("Estimating abundances over " + source.name()));
        try {
            new UnmixEngine(models.store()).run(source, ancillarySource, options, results,
                    (done, total) -> progress.progress(100f * done / total), progress::isCanceled);
        } catch (UnmixException e) {
            String where = e.getCause() instanceof ModelException
                    ? " (models are read from " + models.folder() + ")" : "";
            throw new ProcessException(e.getMessage() + where, e);
        } catch (CancellationException e) {
            throw new ProcessException("unmix:EstimateAbundances was cancelled: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProcessException("unmix:EstimateAbundances failed: " + e.getMessage(), e);
        }
        progress.complete();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("result", results.features());
        outputs.put("abundanceRaster", results.coverage());
        return outputs;
    }

    private static UnmixOptions options(Level level, Integer stride, String bands, String rescale,
                                        Double minValidFraction) {
        int[] rgb = input("bands", () -> UnmixOptions.parseBands(bands == null ? "1,2,3" : bands));
        Rescale stretch = rescale == null || rescale.isBlank() ? null : input("rescale", () -> Rescale.parse(rescale));
        return input("stride", () -> new UnmixOptions(level == null ? Level.N1 : level,
                stride == null ? ModelContract.WINDOW : stride, rgb, stretch,
                minValidFraction == null ? 1.0 : minValidFraction));
    }

    /** Exactly one of the two ancillary inputs; features are joined by the engine. */
    private static AncillarySource ancillary(SimpleFeatureCollection features, String values, CoverageRaster raster) {
        boolean hasValues = values != null && !values.isBlank();
        if ((features != null) == hasValues) {
            throw new ProcessException("give either 'ancillary' (features) or 'ancillaryValues', "
                    + (hasValues ? "not both" : "one is required"));
        }
        if (hasValues) {
            return AncillarySource.constant(input("ancillaryValues", () -> AncillaryValues.parse(values)));
        }
        FeatureCollection collection = input("ancillary", () -> AncillaryFeatures.read(features));
        return input("ancillary", () -> new FeatureJoin(collection.features(), collection.crs(),
                raster.geometry().crs()));
    }

    /** Turns a value the engine refuses into a process error that names the input. */
    private static <T> T input(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ProcessException(name + ": " + e.getMessage(), e);
        }
    }
}
