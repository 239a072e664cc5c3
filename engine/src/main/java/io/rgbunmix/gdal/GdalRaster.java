package io.rgbunmix.gdal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * A raster opened by GDAL: JPEG 2000 files, and files inside zips through {@code /vsizip/}. Rows are
 * read through GDAL's block cache, whose size is capped ({@link Gdal#CACHE_MIB}), so memory does not
 * grow with the raster. Not thread-safe: one reader at a time, like GDAL's dataset handles.
 */
public final class GdalRaster implements RasterSource, AutoCloseable {
    /** GDAL's driver of JPEG 2000 in Debian's libgdal (OpenJPEG). */
    public static final String JPEG2000 = "JP2OpenJPEG";
    /** GDAL's driver of GeoTIFF. */
    public static final String GEOTIFF = "GTiff";
    private static final Pattern EPSG_CODE = Pattern.compile("AUTHORITY\\[\"EPSG\",\"(\\d+)\"\\]\\]\\s*$");

    private final Gdal gdal;
    private final Pointer dataset;
    private final String location;
    private final String name;
    /** A client's file: GDAL's words about it (paths, decoder functions) are never shown. */
    private final boolean fromClient;
    private final RasterGeometry geometry;
    private final int bandCount;
    private final int dataType;
    private final double[] noData;

    /** @param known the raster's georeferencing where it is read already (by SIS), else null: GDAL's is read */
    private GdalRaster(Gdal gdal, Pointer dataset, String location, String name, boolean fromClient,
                       RasterGeometry known) throws RasterException {
        this.gdal = gdal;
        this.dataset = dataset;
        this.location = location;
        this.name = name;
        this.fromClient = fromClient;
        Gdal.Api api = gdal.api();
        int width = api.GDALGetRasterXSize(dataset);
        int height = api.GDALGetRasterYSize(dataset);
        this.bandCount = api.GDALGetRasterCount(dataset);
        if (bandCount < 1) {
            throw new RasterException(name + ": holds no raster band");
        }
        if (known != null) {
            if (known.width() != width || known.height() != height) {
                throw new RasterException(name + ": GDAL reads a grid of " + width + " x " + height + " pixels, not "
                        + known.width() + " x " + known.height());
            }
            this.geometry = known;
        } else {
            double[] transform = new double[6];
            String wkt = api.GDALGetProjectionRef(dataset);
            if (wkt == null || wkt.isBlank() || api.GDALGetGeoTransform(dataset, transform) != Gdal.CE_NONE) {
                throw new RasterException(name + ": has no georeferencing (no CRS or no geotransform); assign one, "
                        + "e.g. with gdal_edit.py -a_srs");
            }
            // GDAL's geotransform is in east/north order whatever the CRS's axis order says
            this.geometry = new RasterGeometry(width, height, Crs.eastNorth(crs(wkt, name)), new AffineTransform(
                    transform[1], transform[4], transform[2], transform[5], transform[0], transform[3]));
        }
        this.noData = new double[bandCount];
        int[] types = new int[bandCount];
        for (int b = 0; b < bandCount; b++) {
            Pointer band = api.GDALGetRasterBand(dataset, b + 1);
            IntByReference declared = new IntByReference();
            double value = api.GDALGetRasterNoDataValue(band, declared);
            noData[b] = declared.getValue() != 0 ? value : Double.NaN;
            types[b] = api.GDALGetRasterDataType(band);
        }
        this.dataType = dataBufferType(types[0], name);
    }

    /**
     * Opens what GDAL can open as a raster, with every driver: a path, or a GDAL virtual path such as
     * {@code /vsizip/product.zip/.../TCI.jp2}. For the user's own files on their own machine (the command
     * line, the Spark job), read as GDAL reads them, side-cars included. Messages call it {@code name},
     * never by its path.
     */
    public static GdalRaster open(String location, String name) throws RasterException {
        Gdal gdal = Gdal.get(name + ": reading this format");
        return open(gdal, location, name, null, null, null, null);
    }

    /**
     * Opens a file a client sent to a server with {@code driver} alone (e.g. {@link #JPEG2000}): whatever
     * its bytes claim to be, no other driver sees them, so a VRT, or any format whose content names other
     * files or URLs, is never interpreted. Nothing beside the file is read for it: GDAL is told that the
     * file's folder holds the file alone (no .aux.xml, world file, metadata side-car or external overview
     * is looked for), PAM is off while it opens, and its georeferencing comes from inside the file.
     */
    public static GdalRaster openClientFile(String location, String name, String driver) throws RasterException {
        return openClient(location, name, driver, null);
    }

    /**
     * The pixels of a client's file whose georeferencing was read already, as {@link #openClientFile} opens it, with
     * {@code geometry} for its own: GDAL's CRS, which it builds from the file's keys through PROJ, is not asked for
     * nor parsed again, a millisecond or more of every run on a GeoTIFF that SIS reads and GDAL decodes.
     *
     * @throws RasterException also where GDAL reads another width or height than {@code geometry}'s
     */
    public static GdalRaster openClientPixels(String location, String name, String driver, RasterGeometry geometry)
            throws RasterException {
        return openClient(location, name, driver, geometry);
    }

    private static GdalRaster openClient(String location, String name, String driver, RasterGeometry known)
            throws RasterException {
        Gdal gdal = Gdal.get(name + ": reading this format");
        Gdal.Api api = gdal.api();
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        api.CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
        api.CPLSetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        try {
            GdalRaster raster = open(gdal, location, name, new String[] {driver},
                    new String[] {"GEOREF_SOURCES=INTERNAL"}, new String[] {fileName}, known);
            if (!driver.equals(raster.driver())) {
                raster.close();
                throw new RasterException(name + ": was not read as " + driver);
            }
            return raster;
        } finally {
            api.CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", null);
            api.CPLSetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", null);
        }
    }

    private static GdalRaster open(Gdal gdal, String location, String name, String[] drivers, String[] options,
            String[] siblings, RasterGeometry known) throws RasterException {
        Gdal.Api api = gdal.api();
        api.CPLErrorReset();
        Pointer dataset = api.GDALOpenEx(location, Gdal.GDAL_OF_RASTER | Gdal.GDAL_OF_READONLY | Gdal.GDAL_OF_VERBOSE_ERROR,
                drivers, options, siblings);
        // only a client's file is opened with a list of drivers
        boolean fromClient = drivers != null;
        if (dataset == null) {
            throw new RasterException(name + ": cannot be read: " + (fromClient
                    ? "it is damaged, or not a file of GDAL's " + String.join(" or ", drivers) + " driver"
                    : gdal.lastError().replace(location, name)));
        }
        try {
            return new GdalRaster(gdal, dataset, location, name, fromClient, known);
        } catch (RasterException | RuntimeException e) {
            api.GDALClose(dataset);
            throw e;
        }
    }

    /** The short name of GDAL's driver that read the file, e.g. "JP2OpenJPEG". */
    public String driver() {
        return gdal.api().GDALGetDriverShortName(gdal.api().GDALGetDatasetDriver(dataset));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RasterGeometry geometry() {
        return geometry;
    }

    @Override
    public int bandCount() {
        return bandCount;
    }

    @Override
    public int dataType() {
        return dataType;
    }

    @Override
    public double noData(int band) {
        return noData[band];
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, geometry.width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        int plane = width * rows;
        // native memory, freed at once: a strip of a whole tile is tens of megabytes
        try (Memory buffer = new Memory((long) plane * bands.length * Float.BYTES)) {
            read(x0, y0, width, rows, bands, buffer, Gdal.GDT_FLOAT32, Float.BYTES, width * Float.BYTES,
                    plane * Float.BYTES);
            float[][] samples = new float[bands.length][plane];
            for (int b = 0; b < bands.length; b++) {
                buffer.read((long) b * plane * Float.BYTES, samples[b], 0, plane);
            }
            return new Strip(y0, width, rows, samples);
        }
    }

    /** 8-bit RGB as GDAL decodes it, interleaved by GDAL itself: a quarter of the floats' copying, no conversion. */
    @Override
    public Optional<RgbStrip> readRgbRows(int y0, int rows, int[] bands) throws RasterException {
        if (dataType != DataBuffer.TYPE_BYTE || bands.length != 3) {
            return Optional.empty();
        }
        int width = geometry.width();
        byte[] rgb = new byte[3 * width * rows];
        try (Memory buffer = new Memory(rgb.length)) {
            read(0, y0, width, rows, bands, buffer, Gdal.GDT_BYTE, 3, 3 * width, 1);
            buffer.read(0, rgb, 0, rgb.length);
        }
        return Optional.of(new RgbStrip(y0, width, rows, rgb));
    }

    /** GDAL's RasterIO of the region into {@code buffer}, laid out by the three spacings (in bytes). */
    private void read(int x0, int y0, int width, int rows, int[] bands, Memory buffer, int type, int pixelSpacing,
                      int lineSpacing, int bandSpacing) throws RasterException {
        int[] oneBased = new int[bands.length];
        for (int b = 0; b < bands.length; b++) {
            oneBased[b] = bands[b] + 1;
        }
        Gdal.Api api = gdal.api();
        api.CPLErrorReset();
        int error = api.GDALDatasetRasterIO(dataset, Gdal.GF_READ, x0, y0, width, rows, buffer, width, rows, type,
                bands.length, oneBased, pixelSpacing, lineSpacing, bandSpacing);
        if (error != Gdal.CE_NONE) {
            throw new RasterException(name + ": cannot read rows " + y0 + ".." + (y0 + rows - 1) + ": "
                    + (fromClient ? "the file is damaged or truncated there (GDAL's " + driver()
                    + " driver cannot decode it)" : gdal.lastError().replace(location, name)));
        }
    }

    @Override
    public void close() {
        gdal.api().GDALClose(dataset);
    }

    /** The CRS of GDAL's WKT 1, by its EPSG code when it has one, so that it matches SIS's own reading. */
    private static CoordinateReferenceSystem crs(String wkt, String name) throws RasterException {
        Matcher code = EPSG_CODE.matcher(wkt);
        if (code.find()) {
            try {
                return Crs.forCode("EPSG:" + code.group(1));
            } catch (IllegalArgumentException e) {
                // a code SIS does not know without the EPSG database: the WKT itself says enough
            }
        }
        try {
            return CRS.fromWKT(wkt);
        } catch (FactoryException | RuntimeException e) {
            throw new RasterException(name + ": its CRS cannot be understood: " + e.getMessage(), e);
        }
    }

    private static int dataBufferType(int gdalType, String name) throws RasterException {
        return switch (gdalType) {
            case 1 -> DataBuffer.TYPE_BYTE;
            case 2 -> DataBuffer.TYPE_USHORT;
            case 3 -> DataBuffer.TYPE_SHORT;
            case 4, 5 -> DataBuffer.TYPE_INT;
            case 6 -> DataBuffer.TYPE_FLOAT;
            case 7 -> DataBuffer.TYPE_DOUBLE;
            default -> throw new RasterException(name + ": sample type " + gdalType + " (complex or unknown) "
                    + "is not read; convert to 8- or 16-bit bands");
        };
    }
}
