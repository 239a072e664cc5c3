package io.rgbunmix.output;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterGeometry;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * A quicklook resampled onto longitude/latitude, for web maps that place an image by its bounds: a
 * UTM picture laid on its lon/lat box as it is would be off by the grid's convergence (about 1 degree,
 * hundreds of metres over a tile). Nearest neighbour; transparent outside the raster.
 *
 * @param image the picture, north up, columns of equal longitude and rows of equal latitude
 */
public record LonLatQuicklook(BufferedImage image, double west, double south, double east, double north) {
    /** Points sampled along each edge of the raster to find its lon/lat box. */
    private static final int EDGE_SAMPLES = 16;

    public static LonLatQuicklook of(QuicklookRaster quicklook) {
        BufferedImage picture = quicklook.picture();
        RasterGeometry geometry = quicklook.geometry();
        Reprojection toLonLat = new Reprojection(geometry.crs(), Crs.LON_LAT);
        double west = Double.POSITIVE_INFINITY;
        double south = Double.POSITIVE_INFINITY;
        double east = Double.NEGATIVE_INFINITY;
        double north = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= EDGE_SAMPLES; i++) {
            double t = (double) i / EDGE_SAMPLES;
            double[][] edges = {{t * geometry.width(), 0}, {t * geometry.width(), geometry.height()},
                    {0, t * geometry.height()}, {geometry.width(), t * geometry.height()}};
            for (double[] pixel : edges) {
                Point2D crs = geometry.toCrs(pixel[0], pixel[1]);
                double[] lonLat = toLonLat.apply(crs.getX(), crs.getY());
                west = Math.min(west, lonLat[0]);
                east = Math.max(east, lonLat[0]);
                south = Math.min(south, lonLat[1]);
                north = Math.max(north, lonLat[1]);
            }
        }
        // as many pixels as the picture has along its longer side, the other side by ground distance
        double ratio = (north - south) / ((east - west) * Math.cos(Math.toRadians((north + south) / 2)));
        int longer = Math.max(picture.getWidth(), picture.getHeight());
        int width = ratio <= 1 ? longer : Math.max(1, (int) Math.round(longer / ratio));
        int height = ratio <= 1 ? Math.max(1, (int) Math.round(longer * ratio)) : longer;
        AffineTransform crsToGrid;
        try {
            crsToGrid = geometry.gridToCrs().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("the raster's grid cannot be inverted", e);
        }
        Reprojection fromLonLat = new Reprojection(Crs.LON_LAT, geometry.crs());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        // a row of points per call: the transform's own cost per call dwarfs its cost per point
        double[] points = new double[2 * width];
        for (int row = 0; row < height; row++) {
            double lat = north - (row + 0.5) * (north - south) / height;
            for (int col = 0; col < width; col++) {
                points[2 * col] = west + (col + 0.5) * (east - west) / width;
                points[2 * col + 1] = lat;
            }
            fromLonLat.applyInPlace(points, width);
            crsToGrid.transform(points, 0, points, 0, width);
            for (int col = 0; col < width; col++) {
                int px = (int) Math.floor(points[2 * col] / quicklook.step());
                int py = (int) Math.floor(points[2 * col + 1] / quicklook.step());
                if (px >= 0 && py >= 0 && px < picture.getWidth() && py < picture.getHeight()) {
                    out.setRGB(col, row, picture.getRGB(px, py));
                }
            }
        }
        return new LonLatQuicklook(out, west, south, east, north);
    }
}
