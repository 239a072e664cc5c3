package io.rgbunmix.inputs;

import io.rgbunmix.ancillary.AncillaryRaster;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.LayeredAncillary;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.unmix.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The ancillary data of a run as its user gives them, in any mix: explicit values, a DEM (elevation
 * and slope), a raster per variable, features. Opens the rasters and closes them with the run.
 */
public final class AncillaryLayers implements AutoCloseable {
    private final List<OpenedRaster> opened = new ArrayList<>();
    private final AncillarySource source;

    /**
     * @param values   "name=value,..." for any of the seven, or null
     * @param dem      the DEM, or null
     * @param rasters  a raster per variable name (lower case as in the model), possibly empty
     * @param features features for what is left, or null
     * @param imageCrs the CRS of the image the windows come from
     * @throws InvalidInputException naming the input at fault ("ancillaryValues", "dem", the variable's
     *                               raster, or "ancillary" when a variable has no source)
     */
    public AncillaryLayers(RasterInputs inputs, String values, RasterFile dem, Map<String, RasterFile> rasters,
            AncillarySource features, CoordinateReferenceSystem imageCrs) throws InvalidInputException {
        Map<Integer, Double> explicit;
        try {
            explicit = values == null ? Map.of() : AncillaryValues.parseSome(values);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ancillaryValues", e.getMessage(), e);
        }
        Map<Integer, LayeredAncillary.Layer> layers = new LinkedHashMap<>();
        try {
            if (dem != null) {
                OpenedRaster opened = open(inputs, dem, "dem");
                layers.put(ModelContract.ANCILLARY.indexOf("elevation"), new LayeredAncillary.Layer("dem",
                        new AncillaryRaster(opened.source(), AncillaryRaster.Quantity.VALUE, imageCrs)));
                layers.put(ModelContract.ANCILLARY.indexOf("slope"), new LayeredAncillary.Layer("dem",
                        new AncillaryRaster(open(inputs, dem, "dem").source(), AncillaryRaster.Quantity.SLOPE_DEGREES,
                                imageCrs)));
            }
            for (Map.Entry<String, RasterFile> raster : rasters.entrySet()) {
                String name = raster.getKey().toLowerCase(Locale.ROOT);
                int index = ModelContract.ANCILLARY.indexOf(name);
                if (index < 0) {
                    throw new InvalidInputException("ancillary", "unknown ancillary variable '" + raster.getKey()
                            + "'; the seven are " + String.join(", ", ModelContract.ANCILLARY));
                }
                OpenedRaster opened = open(inputs, raster.getValue(), name + " raster");
                layers.put(index, new LayeredAncillary.Layer("raster",
                        new AncillaryRaster(opened.source(), AncillaryRaster.Quantity.VALUE, imageCrs)));
            }
            this.source = new LayeredAncillary(explicit, layers, features);
        } catch (RasterException e) {
            close();
            throw new InvalidInputException(e.getMessage().startsWith("dem") ? "dem" : "ancillary", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            close();
            throw new InvalidInputException("ancillary", e.getMessage(), e);
        } catch (InvalidInputException e) {
            close();
            throw e;
        }
    }

    /** Each use of a raster gets its own reader: elevation and slope read the DEM in turn. */
    private OpenedRaster open(RasterInputs inputs, RasterFile file, String name) throws RasterException {
        OpenedRaster raster = inputs.open(file, name, List.of());
        opened.add(raster);
        return raster;
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
