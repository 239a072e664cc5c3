package io.rgbunmix.raster;

import io.rgbunmix.geo.Crs;
import java.util.ArrayList;
import java.util.List;
import org.apache.sis.util.Utilities;

/**
 * Several single-band rasters on one grid seen as one multi-band raster: Sentinel-2's B04, B03 and
 * B02 files, or a STAC item's red, green and blue assets. Band i is the first band of layer i.
 */
public final class BandStack implements RasterSource, AutoCloseable {
    private final String name;
    private final List<RasterSource> layers;
    private final double noData;

    /**
     * @param noData the no-data value of every band, or NaN to keep each file's own (Sentinel-2's band
     *               files use 0 without always declaring it)
     */
    public BandStack(String name, List<? extends RasterSource> layers, double noData) throws RasterException {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a band stack needs at least one layer");
        }
        this.name = name;
        this.layers = List.copyOf(layers);
        this.noData = noData;
        RasterGeometry first = layers.get(0).geometry();
        for (RasterSource layer : layers) {
            RasterGeometry other = layer.geometry();
            if (other.width() != first.width() || other.height() != first.height()
                    || !sameTransform(other, first) || !Utilities.equalsIgnoreMetadata(other.crs(), first.crs())) {
                throw new RasterException(name + ": " + layer.name() + " (" + describe(other) + ") is not on the grid of "
                        + layers.get(0).name() + " (" + describe(first) + "); the bands must share size, pixel and CRS");
            }
            if (layer.dataType() != layers.get(0).dataType()) {
                throw new RasterException(name + ": " + layer.name() + " holds " + layer.sampleType() + " samples, "
                        + layers.get(0).name() + " " + layers.get(0).sampleType() + "; the bands must share one type");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RasterGeometry geometry() {
        return layers.get(0).geometry();
    }

    @Override
    public int bandCount() {
        return layers.size();
    }

    @Override
    public int dataType() {
        return layers.get(0).dataType();
    }

    @Override
    public double noData(int band) {
        return Double.isNaN(noData) ? layers.get(band).noData(0) : noData;
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, geometry().width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        float[][] samples = new float[bands.length][];
        for (int b = 0; b < bands.length; b++) {
            samples[b] = layers.get(bands[b]).readRegion(x0, y0, width, rows, new int[] {0}).bands()[0];
        }
        return new Strip(y0, width, rows, samples);
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (RasterSource layer : layers) {
            if (layer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static boolean sameTransform(RasterGeometry a, RasterGeometry b) {
        double[] ma = new double[6];
        double[] mb = new double[6];
        a.gridToCrs().getMatrix(ma);
        b.gridToCrs().getMatrix(mb);
        double pixel = Math.hypot(ma[0], ma[1]);
        for (int i = 0; i < 6; i++) {
            if (Math.abs(ma[i] - mb[i]) > pixel * 1e-3) {
                return false;
            }
        }
        return true;
    }

    private static String describe(RasterGeometry g) {
        return g.width() + " x " + g.height() + " px, " + Crs.label(g.crs());
    }
}
