package io.rgbunmix.spark;

import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a raster of the list: a GeoTIFF by Apache SIS, anything else (JPEG 2000, ...) by GDAL, as `run` does. */
final class Rasters {
    private Rasters() {
    }

    static RasterSource open(String path) throws RasterException {
        String lower = path.toLowerCase(Locale.ROOT);
        Path file = Path.of(path);
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            return GeoRaster.open(file);
        }
        return GdalRaster.open(path, file.getFileName().toString());
    }

    static void close(RasterSource raster) {
        if (raster instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a reader of finished work
            }
        }
    }
}
