package io.rgbunmix.binding;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.raster.CroppedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import java.util.Arrays;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The part of a raster to run on, as OGC bounding boxes are written: "minx,miny,maxx,maxy", in
 * longitude/latitude (CRS84) unless a fifth element names the CRS, e.g. ",EPSG:32630". Only the tiles
 * of this area are read, which is what makes a small area of a remote COG cheap.
 */
public record AreaOfInterest(double minX, double minY, double maxX, double maxY, CoordinateReferenceSystem crs) {
    public static AreaOfInterest parse(String text) {
        String[] parts = Arrays.stream(text.split(",")).map(String::trim).toArray(String[]::new);
        if (parts.length != 4 && parts.length != 5) {
            throw new IllegalArgumentException("an area must be 'minx,miny,maxx,maxy' or 'minx,miny,maxx,maxy,CRS', got '"
                    + text + "'");
        }
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                values[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an area needs four numbers 'minx,miny,maxx,maxy', got '" + text + "'");
            }
        }
        CoordinateReferenceSystem crs = parts.length == 5 ? Crs.forCode(parts[4]) : Crs.LON_LAT;
        if (!(values[0] < values[2] && values[1] < values[3])) {
            throw new IllegalArgumentException("an area needs minx < maxx and miny < maxy, got '" + text + "'");
        }
        return new AreaOfInterest(values[0], values[1], values[2], values[3], crs);
    }

    /** The area's bounds in longitude/latitude (what a STAC search takes), from its corners and edge midpoints. */
    public double[] lonLatBounds() {
        Reprojection toLonLat = new Reprojection(Crs.eastNorth(crs), Crs.LON_LAT);
        double[] bounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        double midX = (minX + maxX) / 2;
        double midY = (minY + maxY) / 2;
        for (double[] point : new double[][] {{minX, minY}, {minX, maxY}, {maxX, minY}, {maxX, maxY},
                {midX, minY}, {midX, maxY}, {minX, midY}, {maxX, midY}}) {
            double[] lonLat = toLonLat.apply(point[0], point[1]);
            bounds[0] = Math.min(bounds[0], lonLat[0]);
            bounds[1] = Math.min(bounds[1], lonLat[1]);
            bounds[2] = Math.max(bounds[2], lonLat[0]);
            bounds[3] = Math.max(bounds[3], lonLat[1]);
        }
        return bounds;
    }

    public CroppedRaster crop(RasterSource source) throws RasterException {
        return CroppedRaster.of(source, minX, minY, maxX, maxY, crs);
    }
}
