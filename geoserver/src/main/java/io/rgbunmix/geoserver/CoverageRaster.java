package io.rgbunmix.geoserver;

import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Strip;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.Arrays;
import org.geotools.api.coverage.SampleDimension;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.referencing.CRS;

/**
 * A GeoTools coverage (an uploaded GeoTIFF, a catalog coverage, the output of
 * {@code ras:CropCoverage}) as the engine's raster source. The coverage's image may start
 * anywhere in its grid (a crop keeps the parent's grid coordinates): window pixel (0, 0) is
 * the grid range's upper-left cell.
 */
final class CoverageRaster implements RasterSource {
    private final String name;
    private final RenderedImage image;
    private final int minX;
    private final int minY;
    private final RasterGeometry geometry;
    private final double[] noData;

    /** @param input what messages call it when the coverage has no name of its own (a layer's, a file's) */
    CoverageRaster(GridCoverage2D coverage, String input) {
        this.name = coverage.getName() == null ? input : coverage.getName().toString();
        this.image = coverage.getRenderedImage();
        GridEnvelope2D range = coverage.getGridGeometry().getGridRange2D();
        this.minX = range.x;
        this.minY = range.y;
        CoordinateReferenceSystem crs = coverage.getCoordinateReferenceSystem2D();
        MathTransform gridToCrs = coverage.getGridGeometry().getGridToCRS2D(
                org.geotools.api.metadata.spatial.PixelOrientation.UPPER_LEFT);
        if (!(gridToCrs instanceof AffineTransform affine)) {
            throw new IllegalArgumentException(name + ": the raster's grid-to-CRS transform is not affine");
        }
        AffineTransform local = new AffineTransform(affine);
        local.translate(minX, minY);
        if (CRS.getAxisOrder(crs) == CRS.AxisOrder.NORTH_EAST) {
            local.preConcatenate(new AffineTransform(0, 1, 1, 0, 0, 0));
        }
        this.geometry = new RasterGeometry(range.width, range.height, GeoToolsCrs.toEngine(crs, name), local);
        this.noData = noData(coverage, image.getSampleModel().getNumBands());
    }

    /** The declared no-data of each band: the coverage's GC_NODATA, else the sample dimensions'. */
    private static double[] noData(GridCoverage2D coverage, int bands) {
        double[] values = new double[bands];
        Arrays.fill(values, Double.NaN);
        var container = CoverageUtilities.getNoDataProperty(coverage);
        if (container != null) {
            Arrays.fill(values, container.getAsSingleValue());
            return values;
        }
        for (int b = 0; b < bands && b < coverage.getNumSampleDimensions(); b++) {
            SampleDimension dimension = coverage.getSampleDimension(b);
            double[] declared = dimension.getNoDataValues();
            if (declared != null && declared.length > 0) {
                values[b] = declared[0];
            }
        }
        return values;
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
        return image.getSampleModel().getNumBands();
    }

    @Override
    public int dataType() {
        return image.getSampleModel().getDataType();
    }

    @Override
    public double noData(int band) {
        return noData[band];
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        int width = geometry.width();
        try {
            Raster data = image.getData(new Rectangle(minX, minY + y0, width, rows));
            float[][] samples = new float[bands.length][];
            for (int b = 0; b < bands.length; b++) {
                samples[b] = data.getSamples(minX, minY + y0, width, rows, bands[b], new float[width * rows]);
            }
            return new Strip(y0, width, rows, samples);
        } catch (RuntimeException e) {
            throw new RasterException(name + ": cannot read rows " + y0 + ".." + (y0 + rows - 1) + ": "
                    + e.getMessage(), e);
        }
    }
}
