package io.rgbunmix.raster;

/**
 * A raster input once found and opened, whatever it came as (a GeoTIFF, a JPEG 2000, a Sentinel-2
 * product, a STAC item): the pixels, the stretch its kind calls for, what was opened, and what the
 * product says besides: its own quality mask and its acquisition date.
 *
 * @param source      the pixels; its first three bands are red, green and blue unless the caller chose others
 * @param rescale     the stretch this kind of input needs (16-bit reflectances), or null when its
 *                    samples are 0..255 already or nothing is known of them
 * @param description what was read, e.g. "TCI of S2B_MSIL2A_..., JPEG 2000 read by GDAL 3.6.2"
 * @param qualityMask the product's own mask of clouds, shadows and snow (an L2A's SCL, an L1C's
 *                    MSK_CLASSI_B00, a STAC item's scl asset), or null when it has none
 * @param date        the acquisition date, ISO 8601 (e.g. 2024-05-01), or null when unknown
 */
public record OpenedRaster(RasterSource source, Rescale rescale, String description, FoundMask qualityMask,
                           String date) implements AutoCloseable {
    /**
     * A product's own quality mask, not yet read onto the image's grid.
     *
     * @param source  its pixels
     * @param kind    SCL (classes of band 1) or CLOUD_BANDS (nonzero in any band)
     * @param product the product's name, for messages
     */
    public record FoundMask(RasterSource source, Kind kind, String product) {
        /** The two masks products carry. */
        public enum Kind { SCENE_CLASSIFICATION, CLOUD_BANDS }
    }

    public OpenedRaster(RasterSource source, Rescale rescale, String description) {
        this(source, rescale, description, null, null);
    }

    @Override
    public void close() throws Exception {
        try {
            if (source instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            if (qualityMask != null && qualityMask.source() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
