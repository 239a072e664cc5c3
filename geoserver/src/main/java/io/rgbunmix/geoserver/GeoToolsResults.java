package io.rgbunmix.geoserver;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.WindowChange;
import io.rgbunmix.output.AbundanceGrid;
import io.rgbunmix.output.ChangeAttributes;
import io.rgbunmix.output.ResultAttributes;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
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
 * A run's and a change's results as GeoTools objects: one feature per window (footprint in the raster's CRS,
 * the engine's attribute names and types, as every other output has them) and a coverage of one float band per
 * class, one pixel per window, NaN where skipped.
 */
final class GeoToolsResults implements ResultWriter {
    static final String GEOMETRY = "footprint";

    private final CoordinateReferenceSystem crs;
    private ResultAttributes attributes;
    private ListFeatureCollection features;
    private SimpleFeatureBuilder builder;
    private AbundanceGrid grid;

    /** @param crs the raster's CRS, east/north, for both outputs */
    GeoToolsResults(CoordinateReferenceSystem crs) {
        this.crs = crs;
    }

    static SimpleFeatureType featureType(String name, CoordinateReferenceSystem crs, List<String> names,
                                         List<Class<?>> types) {
        SimpleFeatureTypeBuilder type = new SimpleFeatureTypeBuilder();
        type.setName(name);
        type.setCRS(crs);
        type.add(GEOMETRY, Polygon.class, crs);
        for (int i = 0; i < names.size(); i++) {
            type.add(names.get(i), types.get(i));
        }
        type.setDefaultGeometry(GEOMETRY);
        return type.buildFeatureType();
    }

    @Override
    public void begin(RunLayout layout) {
        attributes = ResultAttributes.of(layout);
        features = new ListFeatureCollection(featureType("abundances", crs, ResultAttributes.names(layout.model()),
                ResultAttributes.types(layout.model())));
        builder = new SimpleFeatureBuilder(features.getSchema());
        grid = new AbundanceGrid(layout);
    }

    @Override
    public void write(WindowResult result) {
        builder.add(result.footprint());
        attributes.values(result).forEach(builder::add);
        features.add(builder.buildFeature("abundances." + result.window().id()));
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
        return coverage("abundances", grid, crs);
    }

    /** A change's windows as features, with the attributes of change.geojson; typed by the first window's values. */
    static SimpleFeatureCollection features(ChangeComparison comparison, CoordinateReferenceSystem crs) {
        List<String> names = ChangeAttributes.names(comparison.model());
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            types.add(comparison.changes().isEmpty() ? String.class
                    : ChangeAttributes.values(comparison, comparison.changes().get(0)).get(i).getClass());
        }
        ListFeatureCollection features = new ListFeatureCollection(featureType("change", crs, names, types));
        SimpleFeatureBuilder builder = new SimpleFeatureBuilder(features.getSchema());
        for (WindowChange change : comparison.changes()) {
            builder.add(change.before().footprint());
            ChangeAttributes.values(comparison, change).forEach(builder::add);
            features.add(builder.buildFeature("change." + change.before().window().id()));
        }
        return features;
    }

    /** A change's points per class, as change.tif has them. */
    static GridCoverage2D coverage(ChangeComparison comparison, CoordinateReferenceSystem crs) {
        AbundanceGrid grid = new AbundanceGrid(comparison.layout());
        comparison.changes().forEach(c -> grid.putPoints(c.before().window().id(), c.difference()));
        return coverage("change", grid, crs);
    }

    private static GridCoverage2D coverage(String name, AbundanceGrid grid, CoordinateReferenceSystem crs) {
        GridSampleDimension[] bands = grid.model().classes().stream()
                .map(c -> new GridSampleDimension(c.name()))
                .toArray(GridSampleDimension[]::new);
        GridGeometry2D geometry = new GridGeometry2D(new GridEnvelope2D(0, 0, grid.cols(), grid.rows()),
                PixelInCell.CELL_CORNER, new AffineTransform2D(grid.gridToCrs()), crs, null);
        GridCoverageFactory factory = new GridCoverageFactory();
        // The factory picks a colour model for any number of float bands; the image is then
        // placed on the exact grid geometry (which an envelope alone cannot give when rotated).
        RenderedImage image = factory.create(name, grid.raster(), geometry.getEnvelope2D()).getRenderedImage();
        return factory.create(name, image, geometry, bands, null, null);
    }
}
