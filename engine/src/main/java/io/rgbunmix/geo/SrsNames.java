package io.rgbunmix.geo;

import java.util.Locale;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.util.Utilities;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * GML srsName values and their axis order. The short forms ("EPSG:4326" and
 * "http://www.opengis.net/gml/srs/epsg.xml#4326") carry coordinates east first, as GeoServer and GML 2
 * write them; the URN and http://www.opengis.net/def/crs/ forms follow the authority's axis order
 * (latitude first for EPSG:4326), as GML 3 requires.
 */
public final class SrsNames {
    /** A parsed srsName: the CRS in east/north order, and whether the file's coordinates are north first. */
    public record Srs(CoordinateReferenceSystem crs, boolean northFirst) {
    }

    private SrsNames() {
    }

    public static Srs parse(String srsName) {
        String name = srsName.trim();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:x-ogc:def:crs:epsg:")) {
            name = "urn:ogc:def:crs:EPSG::" + name.substring(name.lastIndexOf(':') + 1); // GeoServer's legacy URN
            lower = name.toLowerCase(Locale.ROOT);
        }
        if (lower.startsWith("http://www.opengis.net/gml/srs/epsg.xml#")) {
            return new Srs(Crs.forCode("EPSG:" + name.substring(name.indexOf('#') + 1)), false);
        }
        if (lower.startsWith("epsg:") || lower.equals("crs84") || lower.endsWith(":crs84")) {
            return new Srs(Crs.forCode(name), false);
        }
        try {
            CoordinateReferenceSystem authority = CRS.forCode(name);
            AxisDirection first = authority.getCoordinateSystem().getAxis(0).getDirection();
            return new Srs(Crs.eastNorth(authority), first == AxisDirection.NORTH || first == AxisDirection.SOUTH);
        } catch (FactoryException e) {
            throw new IllegalArgumentException("unknown or unsupported srsName '" + srsName + "': " + e.getMessage());
        }
    }

    /** The EPSG code of a CRS (east/north order accepted), or null when it has none known. */
    public static Integer epsg(CoordinateReferenceSystem crs) {
        try {
            if (Utilities.equalsIgnoreMetadata(crs, Crs.LON_LAT)) {
                return 4326;
            }
            return IdentifiedObjects.lookupEPSG(crs);
        } catch (FactoryException e) {
            return null;
        }
    }
}
