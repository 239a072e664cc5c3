package io.rgbunmix.raster;

import java.awt.Rectangle;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;

/**
 * Copies an area of an image's bands into float arrays, band-sequential and row-major, tile by tile. 8-bit samples
 * stored component by component (pixel-interleaved or banded: what GeoTIFF readers give for RGB) are read straight
 * from their bytes; any other layout goes through {@link Raster#getSamples}, as Java's generic path does. Either way
 * the floats are the samples' values, the same as {@code getSamples} gives: the fast path only skips the copy of
 * the area into a new raster and the per-sample calls.
 */
final class Samples {
    private Samples() {
    }

    /** Bands {@code 0..bands-1} of {@code area} (image coordinates) of the image. */
    static float[][] copy(RenderedImage image, Rectangle area, int bands) {
        float[][] out = new float[bands][Math.multiplyExact(area.width, area.height)];
        int firstX = tileIndex(area.x, image.getTileGridXOffset(), image.getTileWidth());
        int lastX = tileIndex(area.x + area.width - 1, image.getTileGridXOffset(), image.getTileWidth());
        int firstY = tileIndex(area.y, image.getTileGridYOffset(), image.getTileHeight());
        int lastY = tileIndex(area.y + area.height - 1, image.getTileGridYOffset(), image.getTileHeight());
        for (int ty = firstY; ty <= lastY; ty++) {
            for (int tx = firstX; tx <= lastX; tx++) {
                Raster tile = image.getTile(tx, ty);
                Rectangle part = tile.getBounds().intersection(area);
                if (!part.isEmpty()) {
                    copy(tile, part, area, out);
                }
            }
        }
        return out;
    }

    private static int tileIndex(int coordinate, int offset, int size) {
        return Math.floorDiv(coordinate - offset, size);
    }

    /** The part of one tile that lies in the area, to its place in {@code out}. */
    private static void copy(Raster tile, Rectangle part, Rectangle area, float[][] out) {
        SampleModel model = tile.getSampleModel();
        DataBuffer buffer = tile.getDataBuffer();
        if (model instanceof ComponentSampleModel components && buffer instanceof DataBufferByte bytes) {
            int pixelStride = components.getPixelStride();
            int scanlineStride = components.getScanlineStride();
            // sample-model coordinates are the raster's less its translation
            int x0 = part.x - tile.getSampleModelTranslateX();
            int y0 = part.y - tile.getSampleModelTranslateY();
            for (int b = 0; b < out.length; b++) {
                int bank = components.getBankIndices()[b];
                byte[] data = bytes.getData(bank);
                int base = bytes.getOffsets()[bank] + components.getBandOffsets()[b];
                float[] band = out[b];
                for (int row = 0; row < part.height; row++) {
                    int source = base + (y0 + row) * scanlineStride + x0 * pixelStride;
                    int target = (part.y - area.y + row) * area.width + (part.x - area.x);
                    for (int col = 0; col < part.width; col++, source += pixelStride) {
                        band[target + col] = data[source] & 0xFF;
                    }
                }
            }
            return;
        }
        for (int b = 0; b < out.length; b++) {
            float[] samples = tile.getSamples(part.x, part.y, part.width, part.height, b, (float[]) null);
            for (int row = 0; row < part.height; row++) {
                System.arraycopy(samples, row * part.width, out[b], (part.y - area.y + row) * area.width
                        + (part.x - area.x), part.width);
            }
        }
    }
}
