package io.rgbunmix.gdal;

import io.rgbunmix.raster.RasterException;

/** Whose file GDAL is asked to read, which decides what else GDAL may read for it. */
public enum Origin {
    /** The user's own file, named on their own machine: read as GDAL reads it, side-cars included. */
    USER,
    /**
     * A file a client sent to a server: read by the one driver of its kind, with nothing beside it and no
     * path taken from its content ({@link GdalRaster#openClientFile}).
     */
    CLIENT;

    /** Opens a JPEG 2000 of this origin. */
    public GdalRaster openJpeg2000(String location, String name) throws RasterException {
        return this == CLIENT ? GdalRaster.openClientFile(location, name, GdalRaster.JPEG2000)
                : GdalRaster.open(location, name);
    }
}
