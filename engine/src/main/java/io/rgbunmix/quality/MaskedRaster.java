package io.rgbunmix.quality;

import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.RasterView;
import io.rgbunmix.raster.ResampledRaster;
import io.rgbunmix.raster.Strip;
import java.util.Locale;

/**
 * An image read through its quality mask: the mask, on whatever grid it comes (the SCL at 20 m, a user's
 * mask in another CRS), is read onto the image's grid by nearest neighbour, and each strip says which of
 * its pixels the mask rejects (whatever their samples: a pixel the image has no data for is no data to
 * whoever reads it, masked or not). A view: whoever opened the image and the mask closes them.
 */
public final class MaskedRaster extends RasterView {
    /** Part of the image a mask may leave uncovered: its edge pixels, where grids of 10 and 20 m differ. */
    private static final double COVERAGE_NEEDED = 0.999;

    private final QualityMask mask;
    private final RasterSource maskOnGrid;
    private final boolean[] classTable;

    /** @param maskInput the input that gave the mask, for the message that refuses one that does not cover the image */
    public MaskedRaster(RasterSource image, QualityMask mask, String maskInput) throws RasterException {
        super(image);
        this.mask = mask;
        ResampledRaster resampled = new ResampledRaster(mask.source(), source.geometry());
        double coverage = resampled.coverage();
        if (coverage < COVERAGE_NEEDED) {
            String maskName = mask.source().name();
            throw new RasterException(maskInput + ": " + (maskName.equals(maskInput) ? "it" : "the mask " + maskName)
                    + " covers "
                    + (coverage == 0 ? "none" : String.format(Locale.ROOT, "only %.0f %%", coverage * 100)) + " of "
                    + source.name() + "; give a mask that covers the whole raster (any CRS and resolution)");
        }
        this.maskOnGrid = resampled;
        this.classTable = mask.classTable();
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, source.geometry().width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        Strip pixels = source.readRegion(x0, y0, width, rows, bands);
        float[][] maskSamples = maskOnGrid.readRegion(x0, y0, width, rows, mask.bands()).bands();
        byte[] masked = new byte[width * rows];
        for (int i = 0; i < masked.length; i++) {
            if (rejects(maskSamples, i)) {
                masked[i] = 1;
            }
        }
        return new Strip(pixels.y0(), pixels.width(), pixels.rows(), pixels.bands(), masked, pixels.dates());
    }

    /** Whether the mask's samples at index {@code i} (one per band read) reject the pixel. */
    private boolean rejects(float[][] maskSamples, int i) {
        if (classTable != null) {
            float value = maskSamples[0][i];
            return value >= 0 && value < classTable.length && classTable[(int) value];
        }
        for (float[] band : maskSamples) {
            float value = band[i];
            if (!Float.isNaN(value) && value != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MaskInfo mask() {
        return mask.info();
    }

}
