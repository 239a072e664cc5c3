package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterListTest {
    @TempDir
    Path temp;

    private Path touch(String name) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1});
    }

    @Test
    void aFolderAGlobAndAListFileNameTheirRasters() throws IOException {
        Path a = touch("tiles/T30SUG.tif");
        Path b = touch("tiles/T30SVG.jp2");
        touch("tiles/notes.txt");
        Path c = touch("other/T30SUG.tiff");
        assertEquals(Map.of("T30SUG", a.toString(), "T30SVG", b.toString()), RasterList.expand(temp.resolve("tiles").toString()));
        assertEquals(List.of(a.toString()), List.copyOf(RasterList.expand(temp + "/tiles/*.tif").values()));
        Path list = Files.writeString(temp.resolve("list.txt"), "# July\n" + a + "\n\n" + c + "\n");
        Map<String, String> listed = RasterList.expand(list.toString());
        assertEquals(List.of("T30SUG", "T30SUG-2"), List.copyOf(listed.keySet()), "ids are made unique");
        assertEquals(List.of(a.toString(), c.toString()), List.copyOf(listed.values()));
        assertThrows(IOException.class, () -> RasterList.expand(temp.resolve("missing").toString()));
        assertThrows(IOException.class, () -> RasterList.expand(temp + "/tiles/*.png"));
    }

    @Test
    void everyPathOfAListLineIsMadeAbsoluteOnTheDriver() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(here.resolve("s2/a.tif") + "@" + here.resolve("s2/a_scl.tif") + ";" + here.resolve("b.tif"),
                RasterList.absolute("s2/a.tif@ s2/a_scl.tif ; b.tif"));
        assertEquals("/data/x.tif", RasterList.absolute("/data/../data/x.tif"));
        assertEquals("/vsicurl/https://example.org/t.tif", RasterList.absolute("/vsicurl/https://example.org/t.tif"));
    }

    @Test
    void executorsInferWithTheirCoresUnlessAsked() {
        assertEquals(3, SparkJob.threads(0, 3), "spark.executor.cores");
        assertEquals(0, SparkJob.threads(0, 0), "not set (local mode): one per core");
        assertEquals(2, SparkJob.threads(2, 8), "as asked");
    }
}
