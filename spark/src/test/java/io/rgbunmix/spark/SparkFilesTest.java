package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.TestData;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.sentinel2.SafeFixtures;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job opens what each listed file holds through the opener `run` uses: the same pixels as a GeoTIFF, as a
 * JPEG 2000 under a name that does not say so, as the true-colour image of a Sentinel-2 SAFE zip, as the visual
 * asset of a STAC item, and as the one date of a STAC ItemCollection give the same abundances, window for window.
 */
class SparkFilesTest {
    @TempDir
    static Path temp;
    static Path out;

    @BeforeAll
    static void runTheJob() throws Exception {
        Path list = Files.createDirectories(temp.resolve("list"));
        Path tiff = list.resolve("scene.tif");
        SyntheticRaster.write(tiff, TestData.utm(2 * 224, 2 * 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 1 + (x * 7 + y * 13 + b * 50 + (x / 224) * 40) % 250);
        Path jp2 = temp.resolve("scene.jp2");
        GdalTools.losslessJpeg2000(tiff, jp2);
        Files.copy(jp2, list.resolve("scene-jp2.dat"));
        Path product = SafeFixtures.product(temp, "05.10", false, tiff, null);
        GdalTools.zip(product, list.resolve("product.zip"));
        Files.writeString(list.resolve("item.json"), "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", "
                + "\"id\": \"scene\", \"geometry\": null, \"properties\": {}, "
                + "\"assets\": {\"visual\": {\"href\": \"scene.tif\", \"roles\": [\"visual\"]}}}");
        // a STAC ItemCollection of one date: the dates of a composite, as run reads it
        Files.writeString(list.resolve("dates.json"), "{\"type\": \"FeatureCollection\", \"features\": ["
                + Files.readString(list.resolve("item.json")) + "]}");
        Path entries = Files.writeString(temp.resolve("rasters.txt"), tiff + "\n" + list.resolve("scene-jp2.dat")
                + "\n" + list.resolve("product.zip") + "\n" + list.resolve("item.json") + "\n"
                + list.resolve("dates.json") + "\n");
        out = temp.resolve("out");
        assertEquals(0, SparkJob.commandLine().execute("--master", "local[2]", "--rasters", entries.toString(),
                "--models", TestData.MODELS.toString(), "--ancillary-values", TestData.ANCILLARY_TEXT,
                "--mask-classes", "none", "--out", out.toString()));
    }

    private static float[][] abundances(String id) throws Exception {
        try (GeoRaster raster = GeoRaster.open(out.resolve("rasters").resolve(id + ".tif"))) {
            Strip all = raster.readRows(0, raster.geometry().height(), new int[] {0, 1, 2, 3});
            return all.bands();
        }
    }

    @Test
    void aJpeg2000ASafeZipAndAStacItemGiveTheGeoTiffsAbundances() throws Exception {
        float[][] tiff = abundances("scene");
        assertEquals(4, tiff[0].length, "2 x 2 windows");
        for (String id : new String[] {"scene-jp2", "product", "item", "dates"}) {
            float[][] other = abundances(id);
            for (int k = 0; k < 4; k++) {
                for (int w = 0; w < 4; w++) {
                    assertEquals(tiff[k][w], other[k][w], 1e-5, id + " class " + k + " window " + w);
                }
            }
        }
    }
}
