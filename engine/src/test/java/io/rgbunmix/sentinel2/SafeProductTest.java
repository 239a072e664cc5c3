package io.rgbunmix.sentinel2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentinel-2 products in the layouts they come in: L1C with its bands side by side and its cloud mask in QI_DATA,
 * L2A with three resolution folders and its scene classification at 20 m, metadata that states little, bands
 * whose offsets differ, and zips that are no product or that try to reach outside it.
 */
class SafeProductTest {
    private static final String L1C_ROOT = "<n1:Level-1C_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-1C.xsd\">";
    private static final String L2A_ROOT = "<n1:Level-2A_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">";

    @TempDir
    static Path shared;
    /** A 16-bit band, 2 x 1 windows, and a 1-band 8-bit mask at 20 m over it, as lossless JPEG 2000. */
    static Path band;
    static Path mask;

    @TempDir
    Path temp;

    @BeforeAll
    static void images() throws Exception {
        Path tif = shared.resolve("band.tif");
        SyntheticRaster.write(tif, TestData.utm(2 * 224, 224, 440000, 4130000, 10), 1, DataBuffer.TYPE_USHORT,
                Double.NaN, (x, y, b) -> 1000 + (x + y) % 2000);
        band = shared.resolve("band.jp2");
        GdalTools.losslessJpeg2000(tif, band);
        Path maskTif = shared.resolve("mask.tif");
        SyntheticRaster.write(maskTif, TestData.utm(224, 112, 440000, 4130000, 20), 1, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 4);
        mask = shared.resolve("mask.jp2");
        GdalTools.losslessJpeg2000(maskTif, mask);
    }

    /** A SAFE folder with its manifest, this metadata file and these images (relative path to source). */
    private Path product(String metadataName, String metadata, String... images) throws Exception {
        Path product = temp.resolve("S2A_" + metadataName.substring(7, 10) + "_20220301T105619.SAFE");
        Files.createDirectories(product);
        Files.writeString(product.resolve("manifest.safe"), "<xfdu:XFDU xmlns:xfdu=\"urn:ccsds:schema:xfdu:1\"/>");
        Files.writeString(product.resolve(metadataName), metadata);
        for (int i = 0; i < images.length; i += 2) {
            Path image = product.resolve(images[i]);
            Files.createDirectories(image.getParent());
            Files.copy(Path.of(images[i + 1]), image);
        }
        return product;
    }

    private static String l1c(String info) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + L1C_ROOT + "<n1:General_Info>" + info
                + "</n1:General_Info></n1:Level-1C_User_Product>";
    }

    private static String l2a(String info) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + L2A_ROOT + "<n1:General_Info>" + info
                + "</n1:General_Info></n1:Level-2A_User_Product>";
    }

    @Test
    void anL1cReadsItsOwnTagsAndItsBandsSideBySideWithTheCloudMaskOfQiData() throws Exception {
        String granule = "GRANULE/L1C_T30SUG_A034988_20220301T110512/";
        Path product = product("MTD_MSIL1C.xml", l1c("<Product_Info><PRODUCT_START_TIME>2022-03-01T10:56:19.024Z"
                        + "</PRODUCT_START_TIME><PROCESSING_BASELINE>04.00</PROCESSING_BASELINE></Product_Info>"
                        + "<Product_Image_Characteristics><QUANTIFICATION_VALUE unit=\"none\">10000</QUANTIFICATION_VALUE>"
                        + "<Radiometric_Offset_List><RADIO_ADD_OFFSET band_id=\"1\">-1000</RADIO_ADD_OFFSET>"
                        + "<RADIO_ADD_OFFSET band_id=\"2\">-1000</RADIO_ADD_OFFSET><RADIO_ADD_OFFSET band_id=\"3\">-1000"
                        + "</RADIO_ADD_OFFSET></Radiometric_Offset_List></Product_Image_Characteristics>"),
                granule + "IMG_DATA/T30SUG_20220301T105619_B04.jp2", band.toString(),
                granule + "IMG_DATA/T30SUG_20220301T105619_B03.jp2", band.toString(),
                granule + "IMG_DATA/T30SUG_20220301T105619_B02.jp2", band.toString(),
                granule + "QI_DATA/MSK_CLASSI_B00.jp2", mask.toString());
        SafeProduct safe = SafeProduct.open(product, "l1c", Origin.USER);
        assertEquals("L1C", safe.level());
        assertEquals("04.00", safe.processingBaseline());
        assertEquals("2022-03-01", safe.date());
        assertEquals(-1000, safe.offset("B04"));
        assertEquals(0, safe.offset("B08"), "a band the list leaves out has none");
        try (OpenedRaster opened = safe.raster(List.of("B04", "B03", "B02"))) {
            assertEquals(3, opened.source().bandCount());
            assertEquals(2 * 224, opened.source().geometry().width());
            // reflectance 0 is DN 1000; the TCI's white, 0.2, is DN 3000
            assertEquals(new Rescale(1000, 3000), opened.rescale());
            assertEquals(OpenedRaster.FoundMask.Kind.CLOUD_BANDS, opened.qualityMask().kind());
            assertEquals("2022-03-01", opened.date());
            assertTrue(opened.description().contains("L1C, baseline 04.00"), opened.description());
        }
    }

    @Test
    void anL2aWithThreeResolutionsTakesThe10mBandsAndTheSclAt20m() throws Exception {
        String images = "GRANULE/L2A_T30SUG_A034988_20220301T110512/IMG_DATA/";
        Path product = product("MTD_MSIL2A.xml", l2a("<Product_Info><PROCESSING_BASELINE>03.01</PROCESSING_BASELINE>"
                        + "</Product_Info>"),
                images + "R10m/T30SUG_20220301T105619_B04_10m.jp2", band.toString(),
                images + "R20m/T30SUG_20220301T105619_B04_20m.jp2", mask.toString(),
                images + "R60m/T30SUG_20220301T105619_B04_60m.jp2", mask.toString(),
                images + "R20m/T30SUG_20220301T105619_SCL_20m.jp2", mask.toString());
        SafeProduct safe = SafeProduct.open(product, "l2a", Origin.USER);
        assertEquals("L2A", safe.level());
        assertNull(safe.date(), "the metadata gives no start time");
        try (OpenedRaster opened = safe.raster(List.of("b04"))) {
            assertEquals(2 * 224, opened.source().geometry().width(), "the 10 m file, not the 20 m or 60 m one");
            assertEquals(new Rescale(0, 2000), opened.rescale(), "before baseline 04.00: no offset, 10000 by default");
            assertEquals(OpenedRaster.FoundMask.Kind.SCENE_CLASSIFICATION, opened.qualityMask().kind());
            assertEquals(224, opened.qualityMask().source().geometry().width(), "the SCL at its own 20 m");
        }
        RasterException noTci = assertThrows(RasterException.class, () -> safe.raster(List.of()));
        assertEquals("l2a: no TCI image in the product", noTci.getMessage());
        RasterException no08 = assertThrows(RasterException.class, () -> safe.raster(List.of("B08")));
        assertTrue(no08.getMessage().contains("no B08 image in the product at 10 m (B02, B03, B04 and B08"),
                no08.getMessage());
        RasterException b13 = assertThrows(RasterException.class, () -> safe.raster(List.of("B04", "B13")));
        assertTrue(b13.getMessage().contains("'B13' is not a Sentinel-2 band name"), b13.getMessage());
    }

    @Test
    void bandsWhoseOffsetsDifferAreRefusedRatherThanStretchedWrongly() throws Exception {
        String r10m = "GRANULE/L2A_T30SUG_A034988_20220301T110512/IMG_DATA/R10m/T30SUG_20220301T105619_";
        Path product = product("MTD_MSIL2A.xml", l2a("<Product_Image_Characteristics><BOA_ADD_OFFSET_VALUES_LIST>"
                        + "<BOA_ADD_OFFSET band_id=\"3\">-1000</BOA_ADD_OFFSET><BOA_ADD_OFFSET band_id=\"2\">0</BOA_ADD_OFFSET>"
                        + "</BOA_ADD_OFFSET_VALUES_LIST></Product_Image_Characteristics>"),
                r10m + "B04_10m.jp2", band.toString(), r10m + "B03_10m.jp2", band.toString());
        SafeProduct safe = SafeProduct.open(product, "mixed", Origin.USER);
        assertEquals("", safe.processingBaseline(), "the metadata does not say");
        RasterException refused = assertThrows(RasterException.class, () -> safe.raster(List.of("B04", "B03")));
        assertEquals("mixed: the bands have different offsets; stretch them yourself with --rescale", refused.getMessage());
    }

    @Test
    void aFolderOrAZipIsAProductOnlyByWhatItHolds() throws Exception {
        Path product = product("MTD_MSIL2A.xml", l2a(""));
        assertTrue(SafeProduct.isProduct(product));
        Files.delete(product.resolve("manifest.safe"));
        assertFalse(SafeProduct.isProduct(product), "a folder without manifest.safe");
        Files.writeString(product.resolve("manifest.safe"), "");

        Path staged = temp.resolve("upload-3f2a.bin");
        GdalTools.zip(product, staged);
        assertTrue(SafeProduct.isProductZip(staged), "whatever the zip is named");
        Path deeper = zip(temp.resolve("deeper.zip"), "outer/" + product.getFileName() + "/MTD_MSIL2A.xml", l2a(""));
        assertFalse(SafeProduct.isProductZip(deeper), "the metadata must lie in <name>.SAFE at the zip's root");
        Path notZip = Files.writeString(temp.resolve("text.zip"), "PK but no zip");
        assertFalse(SafeProduct.isProductZip(notZip));
    }

    @Test
    void aZipWhoseMemberClimbsOutIsRefusedWhole() throws Exception {
        Path zip = temp.resolve("climbs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "X.SAFE/MTD_MSIL2A.xml", l2a(""));
            put(out, "X.SAFE/GRANULE/../../../etc/B04_10m.jp2", "");
        }
        RasterException refused = assertThrows(RasterException.class, () -> SafeProduct.open(zip, "climbs", Origin.CLIENT));
        assertTrue(refused.getMessage().contains("has a name no Sentinel-2 file has"), refused.getMessage());
    }

    @Test
    void metadataWithADoctypeIsNeverExpanded() throws Exception {
        Path product = product("MTD_MSIL2A.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]>" + L2A_ROOT + "&e;</n1:Level-2A_User_Product>");
        RasterException refused = assertThrows(RasterException.class, () -> SafeProduct.open(product, "doctype", Origin.CLIENT));
        assertTrue(refused.getMessage().startsWith("doctype: the product's metadata (MTD_MSIL*.xml) cannot be read"),
                refused.getMessage());
    }

    private static Path zip(Path zip, String member, String content) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, member, content);
        }
        return zip;
    }

    private static void put(ZipOutputStream out, String member, String content) throws Exception {
        out.putNextEntry(new ZipEntry(member));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
