package io.rgbunmix.geoserver;

import io.rgbunmix.ancillary.AncillaryFeature;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.geo.Crs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geotools.api.feature.Property;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.locationtech.jts.geom.Geometry;

/**
 * GeoTools features (inline GeoJSON or GML, a WFS layer, another process's output) as the
 * engine's ancillary features. The seven values are read by the engine's own rules
 * ({@link AncillaryValues#fromAttributes}); the join is the engine's.
 */
final class AncillaryFeatures {
    private AncillaryFeatures() {
    }

    static FeatureCollection read(SimpleFeatureCollection features) {
        CoordinateReferenceSystem crs = features.getSchema().getCoordinateReferenceSystem();
        // Features without a declared CRS are longitude/latitude, as GeoServer reads GeoJSON.
        var engineCrs = crs == null ? Crs.LON_LAT : GeoToolsCrs.toEngine(crs, "the ancillary features");
        boolean northEast = crs != null && org.geotools.referencing.CRS.getAxisOrder(crs)
                == org.geotools.referencing.CRS.AxisOrder.NORTH_EAST;
        List<AncillaryFeature> result = new ArrayList<>();
        try (SimpleFeatureIterator it = features.features()) {
            while (it.hasNext()) {
                SimpleFeature feature = it.next();
                String id = feature.getID() == null ? "#" + (result.size() + 1) : feature.getID();
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (Property property : feature.getProperties()) {
                    if (!(property.getValue() instanceof Geometry)) {
                        attributes.put(property.getName().getLocalPart(), property.getValue());
                    }
                }
                Geometry geometry = (Geometry) feature.getDefaultGeometry();
                if (geometry != null && northEast) {
                    geometry = swapAxes(geometry);
                }
                result.add(new AncillaryFeature(id, geometry,
                        AncillaryValues.fromAttributes(attributes, "feature " + id)));
            }
        }
        return new FeatureCollection(result, engineCrs);
    }

    /** The engine's CRS is east/north: a latitude-first geometry is swapped once, here. */
    private static Geometry swapAxes(Geometry geometry) {
        Geometry copy = geometry.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            double x = c.x;
            c.x = c.y;
            c.y = x;
        });
        copy.geometryChanged();
        return copy;
    }
}
