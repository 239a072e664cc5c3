package io.rgbunmix.ogcapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecuteJsonTest {
    @TempDir
    Path folder;

    @Test
    void membersAfterAQualifiedValueAreIgnoredAndTheValueKept() throws Exception {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0};
        Path body = Files.writeString(folder.resolve("body.json"), "{\"inputs\": {\"raster\": {\"value\": \""
                + Base64.getEncoder().encodeToString(tiff) + "\", \"mediaType\": \"image/tiff\", \"schema\": "
                + "{\"type\": \"string\", \"contentEncoding\": \"base64\"}, \"level\": \"N2\"}}}");
        ExecuteJson.Request request = ExecuteJson.read(body, folder);
        ExecuteJson.Inline raster = (ExecuteJson.Inline) request.inputs().get("raster").get(0);
        assertEquals("image/tiff", raster.mediaType());
        assertArrayEquals(tiff, Files.readAllBytes(raster.file()));
        assertEquals(1, request.inputs().size());
    }

    /** Jackson's default stops strings at 20 M characters: a base64 GeoTIFF of 15 MB, within any body limit. */
    @Test
    void aBase64ValueLongerThanTwentyMillionCharactersIsRead() throws Exception {
        byte[] bytes = new byte[16_000_000];
        new java.util.Random(7).nextBytes(bytes);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        Path body = Files.writeString(folder.resolve("big.json"), "{\"inputs\": {\"raster\": {\"value\": \"" + base64
                + "\", \"mediaType\": \"image/tiff\"}}}");
        ExecuteJson.Inline raster = (ExecuteJson.Inline) ExecuteJson.read(body, folder).inputs().get("raster").get(0);
        assertEquals(21_333_336, base64.length());
        assertArrayEquals(bytes, Files.readAllBytes(raster.file()));
    }
}
