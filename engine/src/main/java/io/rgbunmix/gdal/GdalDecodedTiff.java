package io.rgbunmix.gdal;

import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterView;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import java.util.Optional;

/**
 * A GeoTIFF read by Apache SIS (its grid, CRS, bands, sample type and no-data, as every GeoTIFF is) whose pixels
 * GDAL decodes: GDAL inflates DEFLATE tiles with libdeflate, which costs about two thirds of what SIS's reading
 * costs on a Sentinel-2 TCI (docs/performance.md). The samples are the same, value for value: both decode the same
 * file without scaling it.
 */
public final class GdalDecodedTiff extends RasterView implements AutoCloseable {
    private final GdalRaster pixels;

    private GdalDecodedTiff(GeoRaster metadata, GdalRaster pixels) {
        super(metadata);
        this.pixels = pixels;
    }

    /**
     * The GeoTIFF {@code metadata} with its pixels decoded by GDAL; empty when GDAL is not installed, cannot read the
     * file, or reads another grid or sample type than SIS: then SIS decodes it too. Whoever's file it is, GDAL reads
     * it as a client's ({@link GdalRaster#openClientPixels}): by its GeoTIFF driver alone, with nothing beside it, and
     * without its CRS, since only its pixels are taken.
     */
    public static Optional<GdalDecodedTiff> of(GeoRaster metadata) {
        if (metadata.file() == null || !Gdal.available()) {
            return Optional.empty();
        }
        GdalRaster pixels;
        try {
            pixels = GdalRaster.openClientPixels(metadata.file().toString(), metadata.name(), GdalRaster.GEOTIFF,
                    metadata.geometry());
        } catch (RasterException | RuntimeException e) {
            return Optional.empty();   // whatever GDAL makes of the file (its grid, its sample type), SIS reads it
        }
        boolean same = pixels.bandCount() == metadata.bandCount() && pixels.dataType() == metadata.dataType();
        if (!same) {
            pixels.close();
            return Optional.empty();
        }
        return Optional.of(new GdalDecodedTiff(metadata, pixels));
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return pixels.readRows(y0, rows, bands);
    }

    @Override
    public Optional<RgbStrip> readRgbRows(int y0, int rows, int[] bands) throws RasterException {
        return pixels.readRgbRows(y0, rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        return pixels.readRegion(x0, y0, width, rows, bands);
    }

    @Override
    public void close() throws RasterException {
        try {
            pixels.close();
        } finally {
            ((GeoRaster) source).close();
        }
    }
}
