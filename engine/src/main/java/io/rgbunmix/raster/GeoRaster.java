package io.rgbunmix.raster;

import io.rgbunmix.geo.Crs;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.awt.image.RenderedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.StorageConnector;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.Matrix;
import org.opengis.util.FactoryException;

/**
 * A GeoTIFF opened with Apache SIS, read strip by strip so that memory does not grow with
 * the raster's size. Not thread-safe: one reader at a time.
 */
public final class GeoRaster implements RasterSource, AutoCloseable {
    private final Path file;
    private final String name;
    private final DataStore store;
    private final GridCoverageResource resource;
    private final GridGeometry grid;
    private final RasterGeometry geometry;
    private final int bandCount;
    private final int dataType;
    private final double[] noData;
    /**
     * The image of the last region read, kept so that its tiles stay decoded: the next strip shares a row
     * of tiles with it (strips of 224 rows, tiles of 256 or 512), and Apache SIS holds decoded tiles only
     * weakly, so reading other rasters in between (a composite's dates and masks) had them decoded again:
     * three dates read strip by strip took 18.2 s without it, 6.9 s with it (a 10980 x 10980 tile each).
     */
    private RenderedImage lastImage;

    private GeoRaster(Path file, String name, DataStore store, GridCoverageResource resource,
                      TiffStructure.SampleLayout layout) throws RasterException, DataStoreException {
        this.file = file;
        this.name = name;
        this.store = store;
        this.resource = resource;
        this.grid = resource.getGridGeometry();
        if (!grid.isDefined(GridGeometry.CRS | GridGeometry.GRID_TO_CRS)) {
            throw new RasterException(name + ": the GeoTIFF has no georeferencing "
                    + "(no CRS or no geotransform); assign one, e.g. with gdal_edit.py -a_srs");
        }
        GridExtent extent = grid.getExtent();
        if (extent.getDimension() != 2) {
            throw new RasterException(name + ": expected a 2-D raster, found "
                    + extent.getDimension() + " dimensions");
        }
        this.geometry = new RasterGeometry(Math.toIntExact(extent.getSize(0)), Math.toIntExact(extent.getSize(1)),
                Crs.eastNorth(grid.getCoordinateReferenceSystem()), eastNorthGridToCrs(grid));
        List<SampleDimension> dimensions = resource.getSampleDimensions();
        this.bandCount = dimensions.size();
        this.noData = new double[bandCount];
        for (int b = 0; b < bandCount; b++) {
            SampleDimension dimension = dimensions.get(b);
            noData[b] = dimension.getNoDataValues().stream().findFirst()
                    .or(dimension::getBackground).map(Number::doubleValue).orElse(Double.NaN);
        }
        OptionalInt tagged = dataType(layout);
        this.dataType = tagged.isPresent() ? tagged.getAsInt() : dataTypeAsRead();
    }

    /**
     * The sample type that Apache SIS gives a TIFF's samples stored this way, for the common layouts; empty for
     * others (1 or 4 bits, signed bytes, unsigned 32-bit integers, 64-bit floats that SIS cannot read ...), whose type
     * is then read, or refused at once. Reading it costs a decoded tile (2 to 10 ms a GeoTIFF), on every run before
     * any window is read.
     */
    static OptionalInt dataType(TiffStructure.SampleLayout layout) {
        int unsigned = 1;
        int signed = 2;
        int floating = 3;
        int format = layout.sampleFormat();
        return switch (layout.bitsPerSample()) {
            case 8 -> format == unsigned ? OptionalInt.of(DataBuffer.TYPE_BYTE) : OptionalInt.empty();
            case 16 -> format == unsigned ? OptionalInt.of(DataBuffer.TYPE_USHORT)
                    : format == signed ? OptionalInt.of(DataBuffer.TYPE_SHORT) : OptionalInt.empty();
            case 32 -> format == signed ? OptionalInt.of(DataBuffer.TYPE_INT)
                    : format == floating ? OptionalInt.of(DataBuffer.TYPE_FLOAT) : OptionalInt.empty();
            default -> OptionalInt.empty();
        };
    }

    /** The sample type of the image SIS reads from the raster's first pixel. */
    int dataTypeAsRead() throws RasterException {
        return read(0, 0, 1, 1, new int[] {0}).image().getSampleModel().getDataType();
    }

    /** Opens a GeoTIFF; the message of any failure names the file. */
    public static GeoRaster open(Path file) throws RasterException {
        return open(file, file.getFileName().toString());
    }

    /**
     * Opens a GeoTIFF whose messages call it {@code name}: a server names an uploaded raster by its
     * input, never by the file it was staged in.
     */
    public static GeoRaster open(Path file, String name) throws RasterException {
        DataStore store = null;
        try {
            TiffStructure.SampleLayout layout = TiffStructure.check(file, name);
            store = DataStores.open(file);
            if (!(store instanceof GeoTiffStore tiff)) {
                throw new RasterException(name + ": not a GeoTIFF (read as " + store.getProvider().getShortName() + ")");
            }
            List<GridCoverageResource> images = tiff.components();
            if (images.isEmpty()) {
                throw new RasterException(name + ": the TIFF holds no image");
            }
            return new GeoRaster(file, name, store, images.get(0), layout);
        } catch (DataStoreException | RuntimeException e) {
            closeQuietly(store);
            throw new RasterException(name + ": cannot read as GeoTIFF: " + readable(e, file, name), e);
        } catch (RasterException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /**
     * Opens a GeoTIFF from a channel, typically a remote cloud-optimised one read in parts: SIS seeks
     * in it and asks only for the directories and the tiles it decodes.
     */
    public static GeoRaster open(SeekableByteChannel channel, String name) throws RasterException {
        DataStore store = null;
        try {
            TiffStructure.SampleLayout layout = TiffStructure.check(channel, name);
            channel.position(0);
            StorageConnector connector = new StorageConnector(channel);
            store = new GeoTiffStore(new GeoTiffStoreProvider(), connector);
            return new GeoRaster(null, name, store, ((GeoTiffStore) store).components().get(0), layout);
        } catch (DataStoreException | IOException | RuntimeException e) {
            closeQuietly(store);
            throw new RasterException(name + ": cannot read as GeoTIFF: " + readable(e, null, name), e);
        } catch (RasterException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /** The file read, or null for a raster read from a channel. */
    public Path file() {
        return file;
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
    public String name() {
        return name;
    }

    @Override
    public int dataType() {
        return dataType;
    }

    @Override
    public double noData(int band) {
        return noData[band];
    }

    /**
     * Reads rows [y0, y0 + rows) of the given 0-based bands over the full width.
     * SIS may read more than asked (whole tiles): only the asked rows are copied out.
     */
    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, geometry.width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        Read read = read(x0, y0, width, rows, bands);
        RenderedImage image = read.image();
        lastImage = image;
        try {
            // the image is lazy: tiles are read and decoded here, and copied out tile by tile
            float[][] samples = Samples.copy(image, new Rectangle(image.getMinX() + (int) (x0 - read.lowX()),
                    image.getMinY() + (int) (y0 - read.lowY()), width, rows), bands.length);
            return new Strip(y0, width, rows, samples);
        } catch (RuntimeException e) {
            throw new RasterException(name + ": cannot read rows " + y0 + ".." + (y0 + rows - 1) + ": "
                    + readable(e, file, name), e);
        }
    }

    /** What SIS returned: an image and the grid position of its upper-left pixel. */
    private record Read(RenderedImage image, long lowX, long lowY) {
    }

    private Read read(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        long[] low = {x0, y0};
        long[] high = {(long) x0 + width - 1, (long) y0 + rows - 1};
        GridGeometry subgrid = new GridGeometry(new GridExtent(null, low, high, true), PixelInCell.CELL_CORNER,
                grid.getGridToCRS(PixelInCell.CELL_CORNER), grid.getCoordinateReferenceSystem());
        try {
            GridCoverage coverage = resource.read(subgrid, bands);
            GridExtent actual = coverage.getGridGeometry().getExtent();
            return new Read(coverage.render(null), actual.getLow(0), actual.getLow(1));
        } catch (DataStoreException | RuntimeException e) {
            String hint = String.valueOf(e.getMessage()).contains("ompression")
                    ? " (Apache SIS reads uncompressed, DEFLATE, LZW and PackBits GeoTIFF: convert with "
                    + "gdal_translate -co COMPRESS=DEFLATE -co TILED=YES in.tif out.tif)" : "";
            throw new RasterException(name + ": cannot read rows " + y0 + ".." + (y0 + rows - 1)
                    + ": " + readable(e, file, name) + hint, e);
        }
    }

    private static AffineTransform eastNorthGridToCrs(GridGeometry grid) throws RasterException {
        try {
            CoordinateReferenceSystem crs = grid.getCoordinateReferenceSystem();
            var swap = CRS.findOperation(crs, Crs.eastNorth(crs), null).getMathTransform();
            Matrix m = MathTransforms.getMatrix(MathTransforms.concatenate(grid.getGridToCRS(PixelInCell.CELL_CORNER), swap));
            if (m == null || m.getNumRow() != 3 || m.getNumCol() != 3) {
                throw new RasterException("the grid-to-CRS transform is not affine");
            }
            return new AffineTransform(m.getElement(0, 0), m.getElement(1, 0), m.getElement(0, 1),
                    m.getElement(1, 1), m.getElement(0, 2), m.getElement(1, 2));
        } catch (FactoryException e) {
            throw new RasterException("cannot put the raster CRS in east/north order: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DataStore store) {
        if (store != null) {
            try {
                store.close();
            } catch (DataStoreException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    @Override
    public void close() throws RasterException {
        try {
            store.close();
        } catch (DataStoreException e) {
            throw new RasterException(name + ": " + e.getMessage(), e);
        }
    }

    /** A reader's complaint in words: never a class name or the path of the file it was reading. */
    /**
     * A reader's failure in words for the user: never a class name or a server path (SIS wraps causes
     * whose text is "some.package.SomeException: ...", and names the file it could not read).
     */
    private static String readable(Exception e, Path file, String name) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return "the file ends too early: it is truncated";
            }
        }
        if (e instanceof RuntimeException) {
            // a fault of the reader on bytes it did not foresee: its text speaks of its own code
            return DAMAGED;
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return DAMAGED;
        }
        message = CLASS_NAME.matcher(message).replaceAll("")
                .strip();
        if (file != null) {
            message = message.replace(file.toString(), name).replace(file.getFileName().toString(), name);
        }
        return message.isEmpty() || message.matches("(?i)cannot read [“\"']?" + Pattern.quote(name) + "[”\"']?\\.?")
                ? DAMAGED : message;
    }

    private static final String DAMAGED = "the file is damaged or truncated";
    /** "org.apache.sis.storage.DataStoreException: " and the like, as Throwable.toString() writes them. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*: ");
}
