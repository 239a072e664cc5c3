package io.rgbunmix.geoserver;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.SrsNames;
import org.apache.sis.referencing.CRS;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/**
 * Carries CRSs between GeoTools and the engine (Apache SIS), in east/north order: by EPSG code where
 * one is known, else by WKT.
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

    /** The engine's CRS as GeoTools', longitude/easting first as the engine's geometries are: by EPSG code, else WKT. */
    static CoordinateReferenceSystem toGeoTools(org.opengis.referencing.crs.CoordinateReferenceSystem crs) {
        Integer code = SrsNames.epsg(crs);
        try {
            return code != null ? org.geotools.referencing.CRS.decode("EPSG:" + code, true)
                    : org.geotools.referencing.CRS.parseWKT(crs.toWKT());
        } catch (FactoryException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("the raster's CRS '" + crs.getName() + "' has no GeoTools equivalent: "
                    + e.getMessage(), e);
        }
    }
}
