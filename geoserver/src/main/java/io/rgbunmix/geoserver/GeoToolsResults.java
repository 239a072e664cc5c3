package io.rgbunmix.geoserver;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.output.AbundanceGrid;
import io.rgbunmix.output.ResultAttributes;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.awt.image.RenderedImage;
import java.util.List;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.datum.PixelInCell;
import org.geotools.coverage.GridSampleDimension;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.collection.ListFeatureCollection;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.geotools.feature.simple.SimpleFeatureTypeBuilder;
import org.geotools.referencing.operation.transform.AffineTransform2D;
import org.locationtech.jts.geom.Polygon;

/**
 * Collects a run's results as GeoTools objects: one feature per processed window (footprint
 * in the raster's CRS, the engine's attribute names and types) and the abundance coverage
 * (one float band per class, one pixel per window, NaN where skipped).
 */
final class GeoToolsResults implements ResultWriter {
    static final String FEATURE_TYPE = "abundances";
    static final String GEOMETRY = "footprint";

    private final CoordinateReferenceSystem crs;
    private ModelCard card;
    private ListFeatureCollection features;
    private SimpleFeatureBuilder builder;
    private AbundanceGrid grid;

    /** @param crs the raster's CRS, east/north, for both outputs */
    GeoToolsResults(CoordinateReferenceSystem crs) {
        this.crs = crs;
    }

    static SimpleFeatureType featureType(ModelCard card, CoordinateReferenceSystem crs) {
        SimpleFeatureTypeBuilder type = new SimpleFeatureTypeBuilder();
        type.setName(FEATURE_TYPE);
        type.setCRS(crs);
        type.add(GEOMETRY, Polygon.class, crs);
        List<String> names = ResultAttributes.names(card);
        List<Class<?>> types = ResultAttributes.types(card);
        for (int i = 0; i < names.size(); i++) {
            type.add(names.get(i), types.get(i));
        }
        type.setDefaultGeometry(GEOMETRY);
        return type.buildFeatureType();
    }

    @Override
    public void begin(RunLayout layout) {
        card = layout.model();
        SimpleFeatureType type = featureType(card, crs);
        features = new ListFeatureCollection(type);
        builder = new SimpleFeatureBuilder(type);
        grid = new AbundanceGrid(layout);
    }

    @Override
    public void write(WindowResult result) {
        builder.add(result.footprint());
        for (Object value : ResultAttributes.values(card, result)) {
            builder.add(value);
        }
        features.add(builder.buildFeature(FEATURE_TYPE + "." + result.window().id()));
        grid.put(result);
    }

    @Override
    public void finish(RunSummary summary) {
        // everything is in memory already
    }

    SimpleFeatureCollection features() {
        return features;
    }

    GridCoverage2D coverage() {
        GridSampleDimension[] bands = card.classes().stream()
                .map(c -> new GridSampleDimension(c.name()))
                .toArray(GridSampleDimension[]::new);
        GridGeometry2D geometry = new GridGeometry2D(new GridEnvelope2D(0, 0, grid.cols(), grid.rows()),
                PixelInCell.CELL_CORNER, new AffineTransform2D(grid.gridToCrs()), crs, null);
        GridCoverageFactory factory = new GridCoverageFactory();
        // The factory picks a colour model for any number of float bands; the image is then
        // placed on the exact grid geometry (which an envelope alone cannot give when rotated).
        RenderedImage image = factory.create(FEATURE_TYPE, grid.raster(), geometry.getEnvelope2D()).getRenderedImage();
        return factory.create(FEATURE_TYPE, image, geometry, bands, null, null);
    }
}
