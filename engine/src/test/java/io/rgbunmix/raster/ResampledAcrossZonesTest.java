package io.rgbunmix.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scene of UTM zone 30N seen on a grid of zone 29N, near the zones' edge at 6° W, where the two grids are
 * rotated against each other by nearly four degrees (each zone's grid convergence, of opposite signs): each target pixel takes the source pixel under its centre, as
 * the reprojection places it, and NaN beyond the source; the part it covers is measured.
 */
class ResampledAcrossZonesTest {
    @TempDir
    Path temp;

    @Test
    void eachPixelOfTheOtherZonesGridTakesTheSourcePixelUnderItsCentre() throws Exception {
        // 30N: 6.1° W, 37.3° N is about 236,600 E; the scene 300 x 200 pixels of 10 m
        RasterGeometry source = new RasterGeometry(300, 200, Crs.forCode("EPSG:32630"),
                new AffineTransform(10, 0, 0, -10, 236000, 4133000));
        Path file = temp.resolve("zone30.tif");
        SyntheticRaster.write(file, source, 1, DataBuffer.TYPE_USHORT, Double.NaN, (x, y, b) -> x + 1000 * (y % 50));
        // 29N: the same place is about 769,000 E; a grid of 10 m a little larger than the scene
        RasterGeometry target = new RasterGeometry(340, 240, Crs.forCode("EPSG:32629"),
                new AffineTransform(10, 0, 0, -10, 768500, 4134500));
        try (GeoRaster scene = GeoRaster.open(file)) {
            ResampledRaster onZone29 = new ResampledRaster(scene, target);
            assertTrue(onZone29.coverage() > 0.3 && onZone29.coverage() < 1, "part of the grid: " + onZone29.coverage());
            Strip all = onZone29.readRows(0, 240, new int[] {0});
            Reprojection toSource = new Reprojection(target.crs(), source.crs());
            AffineTransform sourceToGrid = source.gridToCrs().createInverse();
            int inside = 0;
            int outside = 0;
            for (int y = 0; y < 240; y += 7) {
                for (int x = 0; x < 340; x += 11) {
                    Point2D centre = target.gridToCrs().transform(new Point2D.Double(x + 0.5, y + 0.5), null);
                    double[] there = toSource.apply(centre.getX(), centre.getY());
                    Point2D pixel = sourceToGrid.transform(new Point2D.Double(there[0], there[1]), null);
                    int sx = (int) Math.floor(pixel.getX());
                    int sy = (int) Math.floor(pixel.getY());
                    float got = all.bands()[0][y * 340 + x];
                    if (sx < 0 || sy < 0 || sx >= 300 || sy >= 200) {
                        assertTrue(Float.isNaN(got), "beyond the scene at " + x + "," + y + ": " + got);
                        outside++;
                    } else if (Math.abs(pixel.getX() - sx - 0.5) < 0.45 && Math.abs(pixel.getY() - sy - 0.5) < 0.45) {
                        // away from a pixel's border, where rounding of the reprojection could pick the neighbour
                        assertEquals(sx + 1000 * (sy % 50), got, 0, "at " + x + "," + y);
                        inside++;
                    }
                }
            }
            assertTrue(inside > 100 && outside > 20, inside + " inside, " + outside + " outside");
        }
    }
}
