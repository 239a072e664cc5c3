package io.rgbunmix.spark;

import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.files.RasterFiles;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import java.util.List;
import java.util.Locale;

/**
 * Opens an entry of the list by what each file holds, through the one opener `run` uses ({@link RasterInputs}): a
 * GeoTIFF or COG, a JPEG 2000, a Sentinel-2 SAFE product (folder or zip, with its own cloud mask), a STAC item or
 * ItemCollection (its assets local or, under --allow-url, remote), a COG over http(s) under --allow-url, a folder or
 * list file of scenes (the dates of one composite); and GDAL's virtual file
 * systems (/vsicurl/, /vsis3/ ...) as GDAL reads them. An entry may name a scene's mask after '@'
 * ({@code scene.tif@scl.tif}), and several dates to composite into one output raster, separated by ';'
 * ({@code a.tif@a_scl.tif;b.tif@b_scl.tif}).
 */
final class Rasters {
    private Rasters() {
    }

    /** An opened entry: the raster to run on, the stretch its kind calls for (or null), and what closes it all. */
    record Opened(RasterSource raster, Rescale rescale, AutoCloseable owner) {
        void close() {
            try {
                owner.close();
            } catch (Exception ignored) {
                // a reader of finished work
            }
        }
    }

    /** An entry's raster as the run asks: its dates and masks composited with their masking, cut to the area. */
    static Opened open(String entry, CheckedRun run, RasterInputs inputs) throws Exception {
        List<String> bandNames = run.bands().names();
        Scenes scenes = new Scenes();
        try {
            String[] dates = entry.split(";");
            boolean anyMask = false;
            for (String date : dates) {
                String[] parts = date.strip().split("@", 2);
                if (parts.length == 2) {
                    scenes.add(file(parts[0].strip(), bandNames, inputs));
                    scenes.addMask(file(parts[1].strip(), List.of(), inputs).source());
                    anyMask = true;
                } else if (anyMask) {
                    throw new RasterException(entry + ": give every date of a composite its mask ('scene@mask'), or none");
                } else {
                    scenes(parts[0].strip(), bandNames, inputs).forEach(scenes::add);
                }
            }
            OpenedRaster raster = scenes.raster(run.masking(), null);
            return new Opened(run.crop(raster.source()), raster.rescale(), scenes);
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    /**
     * The scenes one date of an entry names, as {@code run --raster} reads them: one file, or each scene of a
     * folder, a list file or a STAC ItemCollection.
     */
    private static List<OpenedRaster> scenes(String path, List<String> bandNames, RasterInputs inputs)
            throws RasterException {
        if (path.toLowerCase(Locale.ROOT).startsWith("/vsi")) {
            return List.of(file(path, bandNames, inputs));
        }
        return new SceneSources(inputs, SceneSources.MAX_DATES).open(path, path, bandNames);
    }

    /** One file of an entry, or of an ancillary input, opened by what it holds. */
    static OpenedRaster file(String path, List<String> bandNames, RasterInputs inputs) throws RasterException {
        if (path.toLowerCase(Locale.ROOT).startsWith("/vsi")) {
            RasterFiles.noBandNames(bandNames, path);
            return new OpenedRaster(GdalRaster.open(path, path), null, path + ", read by GDAL");
        }
        return inputs.open(path, path, bandNames);
    }
}
