package io.rgbunmix.geoserver;

import io.rgbunmix.geo.Crs;
import org.apache.sis.referencing.CRS;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/**
 * Carries a GeoTools CRS over to the engine's (Apache SIS) CRS, in east/north order: by its
 * EPSG code where GeoTools knows one, else by its WKT.
 */
final class GeoToolsCrs {
    private GeoToolsCrs() {
    }

    static org.opengis.referencing.crs.CoordinateReferenceSystem toEngine(CoordinateReferenceSystem crs, String what) {
        if (crs == null) {
            throw new IllegalArgumentException(what + " has no coordinate reference system");
        }
        Integer code = null;
        try {
            code = org.geotools.referencing.CRS.lookupEpsgCode(crs, false);
        } catch (FactoryException e) {
            // no code: the WKT below
        }
        if (code != null) {
            try {
                return Crs.forCode("EPSG:" + code);
            } catch (IllegalArgumentException e) {
                // a code SIS lacks without its EPSG database: the WKT below
            }
        }
        try {
            return Crs.eastNorth(CRS.fromWKT(crs.toWKT()));
        } catch (org.opengis.util.FactoryException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(what + ": its coordinate reference system '" + crs.getName()
                    + "' is not understood (" + e.getMessage() + ")", e);
        }
    }

    /** The CRS with longitude/easting first, as the engine's geometries are. */
    static CoordinateReferenceSystem eastNorth(CoordinateReferenceSystem crs) {
        if (org.geotools.referencing.CRS.getAxisOrder(crs) != org.geotools.referencing.CRS.AxisOrder.NORTH_EAST) {
            return crs;
        }
        try {
            Integer code = org.geotools.referencing.CRS.lookupEpsgCode(crs, false);
            if (code != null) {
                return org.geotools.referencing.CRS.decode("EPSG:" + code, true);
            }
        } catch (FactoryException e) {
            // fall through
        }
        throw new IllegalArgumentException("the raster's CRS '" + crs.getName() + "' has north/east axis order "
                + "and no EPSG code to swap it by");
    }
}
