package io.rgbunmix.spark;

import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens an entry of the list: a GeoTIFF by Apache SIS, anything else (JPEG 2000, ...) by GDAL, as `run`
 * does. An entry may name a scene's mask after '@' ({@code scene.tif@scl.tif}), and several dates to
 * composite into one output raster, separated by ';' ({@code a.tif@a_scl.tif;b.tif@b_scl.tif}).
 */
final class Rasters {
    private Rasters() {
    }

    /** An opened entry: the raster to run on, and what closes everything it reads. */
    record Opened(RasterSource raster, AutoCloseable owner) {
        void close() {
            try {
                owner.close();
            } catch (Exception ignored) {
                // a reader of finished work
            }
        }
    }

    /** An entry's raster as the inputs ask: its dates and masks composited with their masking, cut to the area. */
    static Opened open(String entry, ProcessInputs inputs) throws Exception {
        Scenes scenes = new Scenes();
        try {
            String[] dates = entry.split(";");
            boolean anyMask = false;
            for (String date : dates) {
                String[] parts = date.strip().split("@", 2);
                scenes.add(new OpenedRaster(file(parts[0].strip()), null, parts[0].strip()));
                if (parts.length == 2) {
                    scenes.addMask(file(parts[1].strip()));
                    anyMask = true;
                } else if (anyMask) {
                    throw new RasterException(entry + ": give every date of a composite its mask ('scene@mask'), or none");
                }
            }
            return new Opened(RunBinder.crop(inputs, scenes.raster(RunBinder.masking(inputs), null).source()), scenes);
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    /** A GeoTIFF by Apache SIS; anything else, and GDAL's virtual file systems (/vsicurl/, /vsis3/ ...), by GDAL. */
    static RasterSource file(String path) throws RasterException {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/vsi")) {
            return GdalRaster.open(path, path);
        }
        Path file = Path.of(path);
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            return GeoRaster.open(file);
        }
        return GdalRaster.open(path, file.getFileName().toString());
    }
}
