package io.rgbunmix.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BandedSampleModel;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Random;
import java.util.Vector;
import org.junit.jupiter.api.Test;

/** The tile-by-tile copy gives exactly the floats of Java's generic path, whatever the layout of the samples. */
class SamplesTest {
    /** A tiled image whose grid starts at (minX, minY), tiles of the given sample model, random samples. */
    private static RenderedImage tiled(SampleModel model, int minX, int minY, int tilesX, int tilesY, long seed) {
        int tileWidth = model.getWidth();
        int tileHeight = model.getHeight();
        Raster[][] tiles = new Raster[tilesY][tilesX];
        Random random = new Random(seed);
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                WritableRaster tile = Raster.createWritableRaster(model,
                        new Point(minX + tx * tileWidth, minY + ty * tileHeight));
                for (int y = tile.getMinY(); y < tile.getMinY() + tileHeight; y++) {
                    for (int x = tile.getMinX(); x < tile.getMinX() + tileWidth; x++) {
                        for (int b = 0; b < model.getNumBands(); b++) {
                            tile.setSample(x, y, b, random.nextInt(model.getDataType() == DataBuffer.TYPE_BYTE ? 256
                                    : 65536));
                        }
                    }
                }
                tiles[ty][tx] = tile;
            }
        }
        return new RenderedImage() {
            public Vector<RenderedImage> getSources() { return null; }
            public Object getProperty(String name) { return null; }
            public String[] getPropertyNames() { return null; }
            public ColorModel getColorModel() { return null; }
            public SampleModel getSampleModel() { return model; }
            public int getWidth() { return tilesX * tileWidth; }
            public int getHeight() { return tilesY * tileHeight; }
            public int getMinX() { return minX; }
            public int getMinY() { return minY; }
            public int getNumXTiles() { return tilesX; }
            public int getNumYTiles() { return tilesY; }
            public int getMinTileX() { return Math.floorDiv(minX - getTileGridXOffset(), tileWidth); }
            public int getMinTileY() { return Math.floorDiv(minY - getTileGridYOffset(), tileHeight); }
            public int getTileWidth() { return tileWidth; }
            public int getTileHeight() { return tileHeight; }
            public int getTileGridXOffset() { return minX; }
            public int getTileGridYOffset() { return minY; }
            public Raster getTile(int tileX, int tileY) { return tiles[tileY][tileX]; }
            public Raster getData() { return getData(new Rectangle(minX, minY, getWidth(), getHeight())); }
            public Raster getData(Rectangle rect) {
                WritableRaster copy = Raster.createWritableRaster(model.createCompatibleSampleModel(rect.width,
                        rect.height), new Point(rect.x, rect.y));
                return copyData(copy);
            }
            public WritableRaster copyData(WritableRaster raster) {
                for (Raster[] row : tiles) {
                    for (Raster tile : row) {
                        Rectangle part = tile.getBounds().intersection(raster.getBounds());
                        if (!part.isEmpty()) {
                            raster.setRect(tile.createChild(part.x, part.y, part.width, part.height, part.x, part.y,
                                    null));
                        }
                    }
                }
                return raster;
            }
        };
    }

    /** What the generic path gives: the area copied into one raster, then getSamples band by band. */
    private static float[][] generic(RenderedImage image, Rectangle area, int bands) {
        Raster data = image.getData(area);
        float[][] out = new float[bands][];
        for (int b = 0; b < bands; b++) {
            out[b] = data.getSamples(area.x, area.y, area.width, area.height, b, new float[area.width * area.height]);
        }
        return out;
    }

    private static void sameAsGeneric(RenderedImage image, Rectangle area, int bands) {
        float[][] expected = generic(image, area, bands);
        float[][] copied = Samples.copy(image, area, bands);
        for (int b = 0; b < bands; b++) {
            assertArrayEquals(expected[b], copied[b], "band " + b + " of " + area);
        }
    }

    @Test
    void pixelInterleavedBandedAndSixteenBitTilesGiveTheGenericPathsFloats() {
        // pixel-interleaved bytes with the bands out of order (as a BGR image stores them), a grid not at the origin
        SampleModel bgr = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, 64, 48, 3, 64 * 3, new int[] {2, 1, 0});
        RenderedImage interleaved = tiled(bgr, -30, 17, 4, 3, 1);
        sameAsGeneric(interleaved, new Rectangle(-30, 17, 256, 144), 3);        // the whole image
        sameAsGeneric(interleaved, new Rectangle(-5, 40, 200, 90), 3);          // across tile edges
        sameAsGeneric(interleaved, new Rectangle(100, 100, 7, 3), 2);           // inside one tile, fewer bands
        // banded bytes, one bank per band
        RenderedImage banded = tiled(new BandedSampleModel(DataBuffer.TYPE_BYTE, 50, 50, 3), 0, 0, 3, 3, 2);
        sameAsGeneric(banded, new Rectangle(13, 27, 120, 100), 3);
        // 16-bit samples: the generic path, tile by tile
        RenderedImage wide = tiled(new PixelInterleavedSampleModel(DataBuffer.TYPE_USHORT, 40, 40, 3, 120,
                new int[] {0, 1, 2}), 0, 0, 2, 2, 3);
        sameAsGeneric(wide, new Rectangle(5, 5, 70, 70), 3);
    }

    @Test
    void aBufferedImageAsGeoTiffReadersGiveIt() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(4);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        sameAsGeneric(image, new Rectangle(10, 20, 224, 150), 3);
        // a child raster: its data buffer is shared, with a sample-model translation
        BufferedImage child = image.getSubimage(50, 30, 200, 150);
        sameAsGeneric(child, new Rectangle(0, 0, 200, 150), 3);
    }
}
