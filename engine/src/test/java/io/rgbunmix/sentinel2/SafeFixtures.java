package io.rgbunmix.sentinel2;

import io.rgbunmix.TestData;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sentinel-2 L2A products as Copernicus delivers them, made with GDAL's OpenJPEG driver for the tests of every
 * module that opens one: a scene of 4 x 3 windows of varied colour (8-bit RGB, UTM 30N at 10 m), its
 * reflectance bands, and the SAFE folder around them.
 */
public final class SafeFixtures {
    /** The product's folder name, as Copernicus names it. */
    public static final String PRODUCT = "S2B_MSIL2A_20240615T105619_N0510_R094_T30SUG_20240615T134210.SAFE";
    /** Where its 10 m images lie inside it. */
    public static final String R10M = "GRANULE/L2A_T30SUG_A037987_20240615T110512/IMG_DATA/R10m";
    private static final String STEM = "T30SUG_20240615T105619_";
    private static final String[] BANDS = {"B04", "B03", "B02"};

    private SafeFixtures() {
    }

    /** The 8-bit true-colour scene, 4 x 3 windows. */
    public static Path scene(Path file) throws Exception {
        SyntheticRaster.write(file, TestData.utm(4 * 224, 3 * 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 1 + (x * 7 + y * 13 + b * 50 + (x / 224) * 40 + (y / 224) * 60 + (x * y) % 23) % 255);
        return file;
    }

    /** The scene's reflectance bands B04, B03 and B02 as 16-bit GeoTIFFs with the 04.00 offset, in {@code folder}. */
    public static Path[] bands16(Path folder) throws Exception {
        Path[] bands = new Path[3];
        for (int b = 0; b < 3; b++) {
            int band = b;
            bands[b] = folder.resolve(BANDS[b] + ".tif");
            SyntheticRaster.write(bands[b], TestData.utm(4 * 224, 3 * 224, 440000, 4130000, 10), 1,
                    DataBuffer.TYPE_USHORT, Double.NaN, (x, y, ignored) -> 1000 + 8 * ((x * 7 + y * 13 + band * 50) % 250));
        }
        return bands;
    }

    /**
     * The SAFE folder of a product of processing {@code baseline} in {@code folder}: {@code scene} as its TCI,
     * {@code bands} as B04, B03 and B02 (null: the TCI alone), all JPEG 2000, and the metadata that states the
     * offset when {@code offset}.
     */
    public static Path product(Path folder, String baseline, boolean offset, Path scene, Path[] bands) throws Exception {
        Path product = folder.resolve(PRODUCT);
        Path r10m = product.resolve(R10M);
        Files.createDirectories(r10m);
        Files.writeString(product.resolve("manifest.safe"), "<xfdu:XFDU xmlns:xfdu=\"urn:ccsds:schema:xfdu:1\"/>");
        Files.writeString(product.resolve("MTD_MSIL2A.xml"), metadata(baseline, offset));
        GdalTools.losslessJpeg2000(scene, r10m.resolve(STEM + "TCI_10m.jp2"));
        for (int b = 0; bands != null && b < 3; b++) {
            GdalTools.losslessJpeg2000(bands[b], r10m.resolve(STEM + BANDS[b] + "_10m.jp2"));
        }
        return product;
    }

    /** A product's MTD_MSIL2A.xml: its baseline, quantification and, when {@code offset}, BOA offsets of -1000. */
    public static String metadata(String baseline, boolean offset) {
        String offsets = offset ? "<BOA_ADD_OFFSET_VALUES_LIST><BOA_ADD_OFFSET band_id=\"1\">-1000</BOA_ADD_OFFSET>"
                + "<BOA_ADD_OFFSET band_id=\"2\">-1000</BOA_ADD_OFFSET><BOA_ADD_OFFSET band_id=\"3\">-1000</BOA_ADD_OFFSET>"
                + "</BOA_ADD_OFFSET_VALUES_LIST>" : "";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<n1:Level-2A_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">"
                + "<n1:General_Info><Product_Info><PROCESSING_BASELINE>" + baseline + "</PROCESSING_BASELINE></Product_Info>"
                + "<Product_Image_Characteristics><QUANTIFICATION_VALUES_LIST><BOA_QUANTIFICATION_VALUE unit=\"none\">"
                + "10000</BOA_QUANTIFICATION_VALUE></QUANTIFICATION_VALUES_LIST>" + offsets
                + "</Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>";
    }
}
