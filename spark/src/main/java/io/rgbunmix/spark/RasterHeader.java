package io.rgbunmix.spark;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.raster.RasterGeometry;
import java.awt.geom.AffineTransform;
import java.io.Serializable;
import org.apache.sis.referencing.CRS;
import org.opengis.util.FactoryException;

/**
 * A raster's size and georeferencing, read by a task (so that an unreadable raster fails in a task,
 * which Spark retries) and sent to the driver: the CRS as WKT, the grid-to-CRS transform's six terms.
 */
public record RasterHeader(String rasterId, String path, int width, int height, String crsWkt, double[] gridToCrs)
        implements Serializable {
    static RasterHeader of(String rasterId, String path, RasterGeometry geometry) {
        double[] matrix = new double[6];
        geometry.gridToCrs().getMatrix(matrix);
        return new RasterHeader(rasterId, path, geometry.width(), geometry.height(), geometry.crs().toWKT(), matrix);
    }

    RasterGeometry geometry() throws FactoryException {
        return new RasterGeometry(width, height, Crs.eastNorth(CRS.fromWKT(crsWkt)), new AffineTransform(gridToCrs));
    }
}
