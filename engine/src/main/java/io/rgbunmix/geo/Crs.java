package io.rgbunmix.geo;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * CRS lookup. Every CRS the engine works in is put in east/north (longitude/latitude)
 * axis order, the order of GeoJSON, GeoTIFF pixels and JTS geometries, so that no code
 * downstream has to care about EPSG:4326's latitude-first definition.
 */
public final class Crs {
    /** WGS 84 with longitude first: the CRS of GeoJSON (RFC 7946) output. */
    public static final CoordinateReferenceSystem LON_LAT = CommonCRS.WGS84.normalizedGeographic();

    private Crs() {
    }

    /** Parses "EPSG:25830", "urn:ogc:def:crs:EPSG::32630", "CRS84" and the like. */
    public static CoordinateReferenceSystem forCode(String code) {
        String trimmed = code.trim();
        if (trimmed.equalsIgnoreCase("CRS84") || trimmed.endsWith(":CRS84")) {
            return LON_LAT;
        }
        try {
            return eastNorth(CRS.forCode(trimmed));
        } catch (FactoryException | RuntimeException e) {
            // SIS also fails with a null pointer on some malformed URNs: the code is unknown all the same
            throw new IllegalArgumentException("unknown or unsupported CRS '" + code + "'"
                    + (e instanceof FactoryException ? " (" + e.getMessage() + ")" : "")
                    + ". Without the EPSG database only the common codes are known: "
                    + "EPSG:4326, 4258, 3857, 326xx/327xx (WGS 84 / UTM), 258xx (ETRS89 / UTM), 230xx (ED50 / UTM)");
        }
    }

    /** The same CRS with axes in east/north order. */
    public static CoordinateReferenceSystem eastNorth(CoordinateReferenceSystem crs) {
        return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
    }

    /** A short name for messages: the EPSG code where known, else the CRS name. */
    public static String label(CoordinateReferenceSystem crs) {
        try {
            String id = org.apache.sis.referencing.IdentifiedObjects.lookupURN(crs, null);
            if (id != null) {
                return id;
            }
        } catch (FactoryException e) {
            // fall back on the name
        }
        return crs.getName().getCode();
    }
}
