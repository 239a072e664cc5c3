package io.rgbunmix.output;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.TiffTagEditor;
import io.rgbunmix.raster.WindowGrid;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverageBuilder;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.geotiff.GeoTiffStore;

/**
 * A float32 GeoTIFF in the raster's CRS with one band per class (percent; band description =
 * SIPNA name) and one pixel per window, NaN where a window was skipped. Pixel (row, col) is
 * stride x stride source pixels centred on window (row, col)'s centre, so with the default
 * stride of 224 each pixel is exactly its window's footprint.
 * The grid (rows x cols x classes floats) is held in memory until the run ends.
 */
public final class GeoTiffResultWriter implements ResultWriter {
    private static final int PHOTOMETRIC = 262;
    private static final int EXTRA_SAMPLES = 338;
    private static final int MIN_IS_BLACK = 1;

    private final Path target;
    private RunLayout layout;
    private float[][] bands;

    public GeoTiffResultWriter(Path target) {
        this.target = target;
    }

    @Override
    public void begin(RunLayout layout) {
        this.layout = layout;
        long cells = layout.grid().count();
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many windows for one GeoTIFF: " + cells);
        }
        bands = new float[layout.model().classes().size()][(int) cells];
        for (float[] band : bands) {
            Arrays.fill(band, Float.NaN);
        }
    }

    @Override
    public void write(WindowResult result) {
        int cell = (int) result.window().id();
        for (int k = 0; k < bands.length; k++) {
            bands[k][cell] = (float) result.percent(k);
        }
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        WindowGrid grid = layout.grid();
        ModelCard card = layout.model();
        int cols = grid.cols();
        int rows = grid.rows();
        Raster raster = Raster.createWritableRaster(
                new BandedSampleModel(DataBuffer.TYPE_FLOAT, cols, rows, bands.length),
                new DataBufferFloat(bands, cols * rows), null);
        List<SampleDimension> ranges = card.classes().stream()
                .map(c -> new SampleDimension.Builder().setName(c.name()).setBackground(Float.NaN).build())
                .toList();
        try {
            var coverage = new GridCoverageBuilder().setDomain(domain(grid)).setRanges(ranges).setValues(raster).build();
            Files.deleteIfExists(target);
            try (DataStore store = DataStores.openWritable(target, "GeoTIFF")) {
                ((GeoTiffStore) store).append(coverage, null);
            }
        } catch (DataStoreException e) {
            throw new IOException(target + ": cannot write GeoTIFF: " + e.getMessage(), e);
        }
        TiffTagEditor tags = new TiffTagEditor(target);
        tags.setShorts(PHOTOMETRIC, MIN_IS_BLACK);
        if (bands.length > 1) {
            tags.setShorts(EXTRA_SAMPLES, new int[bands.length - 1]);
        }
        tags.setAscii(TiffTagEditor.GDAL_METADATA, gdalMetadata(card));
        tags.setAscii(TiffTagEditor.GDAL_NODATA, "nan");
        tags.save();
    }

    private GridGeometry domain(WindowGrid grid) {
        double offset = (grid.size() - grid.stride()) / 2.0;
        AffineTransform g = new AffineTransform(layout.raster().gridToCrs());
        g.translate(offset, offset);
        g.scale(grid.stride(), grid.stride());
        var matrix = new Matrix3(g.getScaleX(), g.getShearX(), g.getTranslateX(),
                g.getShearY(), g.getScaleY(), g.getTranslateY(), 0, 0, 1);
        return new GridGeometry(new GridExtent(grid.cols(), grid.rows()), PixelInCell.CELL_CORNER,
                MathTransforms.linear(matrix), layout.raster().crs());
    }

    /** GDAL's XML metadata: band descriptions and the unit of the values. */
    private static String gdalMetadata(ModelCard card) {
        StringBuilder xml = new StringBuilder("<GDALMetadata>");
        for (int k = 0; k < card.classes().size(); k++) {
            xml.append("<Item name=\"DESCRIPTION\" sample=\"").append(k).append("\" role=\"description\">")
                    .append(escape(card.classes().get(k).name())).append("</Item>");
            xml.append("<Item name=\"UNITTYPE\" sample=\"").append(k).append("\" role=\"unittype\">%</Item>");
        }
        xml.append("<Item name=\"MODEL\">").append(escape(card.id())).append("</Item>");
        return xml.append("</GDALMetadata>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
