package io.rgbunmix.raster;

/**
 * A raster input once found and opened, whatever it came as (a GeoTIFF, a JPEG 2000, a Sentinel-2
 * product, a STAC item): the pixels, the stretch its kind calls for, and what was opened, for the log.
 *
 * @param source      the pixels; its first three bands are red, green and blue unless the caller chose others
 * @param rescale     the stretch this kind of input needs (16-bit reflectances), or null when its
 *                    samples are 0..255 already or nothing is known of them
 * @param description what was read, e.g. "TCI of S2B_MSIL2A_..., JPEG 2000 read by GDAL 3.6.2"
 */
public record OpenedRaster(RasterSource source, Rescale rescale, String description) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        if (source instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
