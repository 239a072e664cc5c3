package io.rgbunmix.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one run the command line and the server's jobs share: every file form written whole from the same windows,
 * the web map of the run's picture, and the files closed when the run stops early.
 */
class AbundanceRunTest {
    private static final AncillarySource ANCILLARY = AncillarySource.constant(AncillaryValues.parse(TestData.ANCILLARY_TEXT));

    @TempDir
    Path temp;

    @Test
    void everyFormIsWrittenFromTheSameWindows() throws Exception {
        Path scene = scene(3, 2);
        List<ResultFile> files = Arrays.stream(ResultFile.Form.values())
                .map(form -> new ResultFile("out-" + form.name().toLowerCase(), form)).toList();
        AbundanceRun.Result result;
        try (ModelStore store = TestData.store(); GeoRaster raster = GeoRaster.open(scene)) {
            result = new AbundanceRun(new UnmixEngine(store)).run(raster, ANCILLARY, UnmixOptions.defaults(Level.N1),
                    temp, files, ProgressListener.NONE, () -> false);
        }
        assertEquals(6, result.summary().processed());
        JsonNode geojson = new ObjectMapper().readTree(temp.resolve("out-geojson").toFile());
        assertEquals(6, geojson.get("features").size());
        assertEquals(7, Files.readAllLines(temp.resolve("out-csv")).size(), "a header and a row per window");
        assertEquals(1, Files.readAllLines(temp.resolve("out-skipped_csv")).size(), "only the header: none skipped");
        String gml2 = Files.readString(temp.resolve("out-gml2"));
        String gml3 = Files.readString(temp.resolve("out-gml3"));
        assertTrue(gml2.contains("wfs") && gml2.trim().endsWith(">") && !gml2.equals(gml3), "GML 2 and 3 differ");
        BufferedImage png = ImageIO.read(temp.resolve("out-png").toFile());
        assertTrue(png.getWidth() > 0);
        try (GeoRaster tif = GeoRaster.open(temp.resolve("out-geotiff"))) {
            assertEquals(4, tif.bandCount(), "one band per N1 class");
            assertEquals(3, tif.geometry().width());
            assertEquals(2, tif.geometry().height());
        }
        result.webMap().writeTo(temp);
        assertEquals(6, new ObjectMapper().readTree(temp.resolve(WebMapWriter.MAP_FILE).toFile()).get("windows").asInt());
    }

    @Test
    void aCancelledRunLeavesNoFileOpen() throws Exception {
        Path scene = scene(4, 1);
        List<ResultFile> files = List.of(new ResultFile("a.csv", ResultFile.Form.CSV),
                new ResultFile("a.geojson", ResultFile.Form.GEOJSON));
        AtomicInteger asked = new AtomicInteger();
        try (ModelStore store = new ModelStore(TestData.MODELS, new InferenceSettings(2, 1));
             GeoRaster raster = GeoRaster.open(scene)) {
            assertThrows(CancellationException.class, () -> new AbundanceRun(new UnmixEngine(store)).run(raster,
                    ANCILLARY, UnmixOptions.defaults(Level.N1), temp, files, ProgressListener.NONE,
                    () -> asked.incrementAndGet() > 1));
        }
        assertTrue(Files.exists(temp.resolve("a.csv")) && Files.exists(temp.resolve("a.geojson")));
        assertEquals(List.of(), openFilesUnder(temp), "every stream the run opened is closed");
    }

    /** The files this process holds open under {@code folder}, as Linux lists them. */
    private static List<Path> openFilesUnder(Path folder) throws Exception {
        Path real = folder.toRealPath();
        List<Path> open = new ArrayList<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    Path target = Files.readSymbolicLink(descriptor);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (java.io.IOException gone) {
                    // the descriptor of the listing itself, closed meanwhile
                }
            }
        }
        return open;
    }

    private Path scene(int columns, int rows) throws Exception {
        Path file = temp.resolve("scene-" + columns + "x" + rows + ".tif");
        SyntheticRaster.write(file, TestData.utm(columns * 224, rows * 224, 440000, 4130000, 10), 3,
                DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> (x / 7 + y / 5 + b * 60) % 250);
        return file;
    }
}
