package io.rgbunmix.raster;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Pixels and georeferencing the engine reads windows from: a GeoTIFF ({@link GeoRaster}), a file GDAL
 * reads, bands of several files ({@link BandStack}), a part of one ({@link CroppedRaster}) or, in the
 * GeoServer extension, a GeoTools coverage. Read strip by strip, by one thread at a time: the engine's
 * inferring threads take turns.
 */
public interface RasterSource {
    /** A short name for messages and thread names: the file name, or the coverage's name. */
    String name();

    RasterGeometry geometry();

    int bandCount();

    /** The {@link DataBuffer} type of the samples. */
    int dataType();

    /** The no-data value of a band (0-based), NaN when none is declared. */
    double noData(int band);

    /** Rows [y0, y0 + rows) of the given 0-based bands over the full width. */
    Strip readRows(int y0, int rows, int[] bands) throws RasterException;

    /**
     * Columns [x0, x0 + width) of rows [y0, y0 + rows): what a crop reads. Readers that can read less
     * than whole rows (and so fetch fewer tiles of a remote file) override this copy of full rows.
     */
    default Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        return readRows(y0, rows, bands).columns(x0, width);
    }

    /**
     * The same rows of three 8-bit bands as bytes, where this source decodes them itself and so can hand them over
     * without making floats of them; empty otherwise (the default), and then {@link #readRows} reads them. A view
     * that changes pixels or says more of them (a crop, a mask, a composite) says nothing here: what it changes is in
     * its {@link Strip}s alone. One that only looks at them (a quicklook) passes its source's bytes on.
     */
    default Optional<RgbStrip> readRgbRows(int y0, int rows, int[] bands) throws RasterException {
        return Optional.empty();
    }

    /** The quality mask the pixels are read through, or null when none: then no strip says a pixel is masked. */
    default MaskInfo mask() {
        return null;
    }

    /**
     * The dates a composite is made of, in the order of the bits of {@link Strip#dates()} (an acquisition
     * date where one is known, else the scene's name); empty for a single scene.
     */
    default List<String> dates() {
        return List.of();
    }

    /** Whether samples are 8-bit (unsigned byte), the only type used without a rescale. */
    default boolean isEightBit() {
        return dataType() == DataBuffer.TYPE_BYTE;
    }

    /** A human name of the sample type, for messages. */
    default String sampleType() {
        return switch (dataType()) {
            case DataBuffer.TYPE_BYTE -> "8-bit unsigned";
            case DataBuffer.TYPE_USHORT -> "16-bit unsigned";
            case DataBuffer.TYPE_SHORT -> "16-bit signed";
            case DataBuffer.TYPE_INT -> "32-bit integer";
            case DataBuffer.TYPE_FLOAT -> "32-bit float";
            case DataBuffer.TYPE_DOUBLE -> "64-bit float";
            default -> "type " + dataType();
        };
    }
}
