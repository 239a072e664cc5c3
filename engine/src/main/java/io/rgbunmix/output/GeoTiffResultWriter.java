package io.rgbunmix.output;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.TiffTagEditor;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverageBuilder;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.setup.OptionKey;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.StorageConnector;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;

/**
 * The {@link AbundanceGrid} as a float32 GeoTIFF in the raster's CRS (band description = SIPNA
 * name, GDAL nodata NaN), written when the run ends.
 */
public final class GeoTiffResultWriter implements ResultWriter {
    private static final int PHOTOMETRIC = 262;
    private static final int EXTRA_SAMPLES = 338;
    private static final int MIN_IS_BLACK = 1;

    private final Path target;
    private AbundanceGrid grid;

    public GeoTiffResultWriter(Path target) {
        this.target = target;
    }

    @Override
    public void begin(RunLayout layout) {
        grid = new AbundanceGrid(layout);
    }

    @Override
    public void write(WindowResult result) {
        grid.put(result);
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        write(target, grid);
    }

    /** Writes a grid filled elsewhere (e.g. from the windows of a run split over a cluster). */
    public static void write(Path target, AbundanceGrid grid) throws IOException {
        ModelCard card = grid.model();
        List<SampleDimension> ranges = card.classes().stream()
                .map(c -> new SampleDimension.Builder().setName(c.name()).setBackground(Float.NaN).build())
                .toList();
        try {
            var coverage = new GridCoverageBuilder().setDomain(domain(grid)).setRanges(ranges).setValues(grid.raster()).build();
            Files.deleteIfExists(target);
            // SIS's GeoTIFF store named, not looked up among every format by name (DataStores.openWritable): a run's
            // last step, with the run's other cores idle, took 2 to 3 ms less so
            StorageConnector connector = new StorageConnector(target);
            connector.setOption(OptionKey.OPEN_OPTIONS, new StandardOpenOption[] {StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE});
            try (GeoTiffStore store = new GeoTiffStore(new GeoTiffStoreProvider(), connector)) {
                store.append(coverage, null);
            }
        } catch (DataStoreException e) {
            throw new IOException(target + ": cannot write GeoTIFF: " + e.getMessage(), e);
        }
        int bandCount = card.classes().size();
        TiffTagEditor tags = new TiffTagEditor(target);
        tags.setShorts(PHOTOMETRIC, MIN_IS_BLACK);
        if (bandCount > 1) {
            tags.setShorts(EXTRA_SAMPLES, new int[bandCount - 1]);
        }
        tags.setAscii(TiffTagEditor.GDAL_METADATA, gdalMetadata(card));
        tags.setAscii(TiffTagEditor.GDAL_NODATA, "nan");
        tags.save();
    }

    private static GridGeometry domain(AbundanceGrid grid) {
        AffineTransform g = grid.gridToCrs();
        var matrix = new Matrix3(g.getScaleX(), g.getShearX(), g.getTranslateX(),
                g.getShearY(), g.getScaleY(), g.getTranslateY(), 0, 0, 1);
        return new GridGeometry(new GridExtent(grid.cols(), grid.rows()), PixelInCell.CELL_CORNER,
                MathTransforms.linear(matrix), grid.crs());
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
