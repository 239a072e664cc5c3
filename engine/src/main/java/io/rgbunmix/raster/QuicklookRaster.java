package io.rgbunmix.raster;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A raster read through, that keeps a small 8-bit RGB picture of the rows the engine asks for, so
 * a run draws its own base map without reading its input twice (a JPEG 2000 costs its decoding once).
 * The picture has one pixel per {@link #step()} x {@link #step()} block of the raster (the block's
 * top-left sample), transparent where no row was read or a sample is no-data. Bands 1 to 3 of each
 * {@link #readRows} call are drawn as red, green and blue, stretched by {@code rescale} (none for 8-bit).
 * Like the engine's reading, not thread-safe: one thread reads at a time.
 */
public final class QuicklookRaster extends RasterView {
    /** The longer side of the picture a results map draws its windows on, in pixels, on every front end. */
    public static final int MAP_SIDE = 1024;

    private final Rescale rescale;
    private final int step;
    private final BufferedImage picture;

    /** @param maxSide the picture's longer side at most, in pixels */
    public QuicklookRaster(RasterSource source, Rescale rescale, int maxSide) {
        super(source);
        this.rescale = rescale;
        RasterGeometry geometry = source.geometry();
        this.step = Math.max(1, (Math.max(geometry.width(), geometry.height()) + maxSide - 1) / maxSide);
        this.picture = new BufferedImage(Math.max(1, geometry.width() / step), Math.max(1, geometry.height() / step),
                BufferedImage.TYPE_INT_ARGB);
    }

    /** The picture so far: pixel (px, py) shows raster pixel (px * step, py * step). */
    public BufferedImage picture() {
        return picture;
    }

    /** Raster pixels per picture pixel, along each axis. */
    public int step() {
        return step;
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        Strip strip = source.readRows(y0, rows, bands);
        if (bands.length >= 3) {
            draw(strip.y0(), strip.rows(), bands, (b, i) -> strip.bands()[b][i], strip.width());
        }
        return strip;
    }

    /** The source's bytes, drawn as its floats would be: the quicklook changes no pixel, so the bytes pass through. */
    @Override
    public Optional<RgbStrip> readRgbRows(int y0, int rows, int[] bands) throws RasterException {
        Optional<RgbStrip> bytes = source.readRgbRows(y0, rows, bands);
        bytes.ifPresent(strip -> draw(strip.y0(), strip.rows(), bands, (b, i) -> strip.rgb()[3 * i + b] & 0xFF,
                strip.width()));
        return bytes;
    }

    /** Sample {@code b} (0..2) of the strip's pixel {@code i} (row-major from its first row), as a float. */
    private interface Sample {
        float value(int b, int i);
    }

    private void draw(int y0, int rows, int[] bands, Sample sample, int width) {
        double[] noData = {source.noData(bands[0]), source.noData(bands[1]), source.noData(bands[2])};
        int first = (y0 + step - 1) / step;
        for (int py = first; py < picture.getHeight() && py * step < y0 + rows; py++) {
            int offset = (py * step - y0) * width;
            for (int px = 0; px < picture.getWidth(); px++) {
                int argb = 0xFF000000;
                for (int b = 0; b < 3; b++) {
                    float value = sample.value(b, offset + px * step);
                    if (Float.isNaN(value) || value == noData[b]) {
                        argb = 0;
                        break;
                    }
                    float level = rescale == null ? Math.max(0f, Math.min(255f, value)) : rescale.apply(value);
                    argb |= Math.round(level) << (16 - 8 * b);
                }
                picture.setRGB(px, py, argb);
            }
        }
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        return source.readRegion(x0, y0, width, rows, bands);
    }

}
