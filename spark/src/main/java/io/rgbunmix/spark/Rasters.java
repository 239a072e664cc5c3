package io.rgbunmix.spark;

import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.files.RasterFiles;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens an entry of the list by what each file holds, as `run` opens a local file ({@link RasterFiles}): a
 * GeoTIFF or COG, a JPEG 2000, a Sentinel-2 SAFE product (folder or zip, with its own cloud mask), else what GDAL
 * reads, GDAL's virtual file systems (/vsicurl/, /vsis3/ ...) included. An entry may name a scene's mask after '@'
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

    /** An entry's raster as the inputs ask: its dates and masks composited with their masking, cut to the area. */
    static Opened open(String entry, CheckedRun run) throws Exception {
        List<String> bandNames = run.bands().names();
        Scenes scenes = new Scenes();
        try {
            String[] dates = entry.split(";");
            boolean anyMask = false;
            for (String date : dates) {
                String[] parts = date.strip().split("@", 2);
                scenes.add(file(parts[0].strip(), bandNames));
                if (parts.length == 2) {
                    scenes.addMask(file(parts[1].strip(), List.of()).source());
                    anyMask = true;
                } else if (anyMask) {
                    throw new RasterException(entry + ": give every date of a composite its mask ('scene@mask'), or none");
                }
            }
            OpenedRaster raster = scenes.raster(run.masking(), null);
            return new Opened(run.crop(raster.source()), raster.rescale(), scenes);
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    /** One file of an entry, or of an ancillary input, opened by what it holds. */
    static OpenedRaster file(String path, List<String> bandNames) throws RasterException {
        if (path.toLowerCase(Locale.ROOT).startsWith("/vsi")) {
            RasterFiles.noBandNames(bandNames, path);
            return new OpenedRaster(GdalRaster.open(path, path), null, path + ", read by GDAL");
        }
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw new RasterException(path + ": no such file");
        }
        RasterFiles.Kind kind = Files.isDirectory(file) ? RasterFiles.Kind.OTHER : RasterFiles.sniff(file, path);
        if (kind == RasterFiles.Kind.STAC_ITEM) {
            throw new RasterException(path + ": a STAC item, which the Spark job does not read: list its files, or "
                    + "the SAFE product, instead");
        }
        return RasterFiles.open(file, kind, path, bandNames, Origin.USER);
    }
}
