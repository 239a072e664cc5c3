package io.rgbunmix.lifewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.unmix.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchWorkflowTest {
    private static final Path SAMPLES = TestData.SHARED.resolve("sipna-samples");
    private static final Path SAMPLE_IMAGES = SAMPLES.resolve("input/RGB satellite images folder");
    private static final Path SAMPLE_CSV = SAMPLES.resolve("input/Environmental ancillary data CSV file.csv");
    private static final String HEADER = "filename,evapotranspiration,precipitation,elevation,slope,temp_ave,temp_max,temp_min\n";
    private static final String VALUES = ",894.2,376.1,519.7,6.1,16.6,23.7,10.1\n";

    @TempDir
    Path temp;
    private final ModelStore models = TestData.store();
    private final BatchWorkflow workflow = new BatchWorkflow(models);

    @AfterEach
    void close() throws Exception {
        models.close();
    }

    private static List<CSVRecord> records(Path csv) throws Exception {
        try (Reader reader = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
    }

    @Test
    void samplesGiveTheOriginalFileNameColumnsOrderAndNumberFormat() throws Exception {
        for (Level level : Level.values()) {
            Path output = workflow.run(SAMPLE_IMAGES, SAMPLE_CSV, level, temp.resolve("out"), ProgressListener.NONE);
            Path reference = SAMPLES.resolve("reference-output").resolve(BatchWorkflow.outputName(level));
            assertEquals(reference.getFileName(), output.getFileName());
            List<String> ours = Files.readAllLines(output, StandardCharsets.UTF_8);
            List<String> theirs = Files.readAllLines(reference, StandardCharsets.UTF_8);
            assertEquals(theirs.get(0), ours.get(0), "header");
            assertEquals(theirs.size(), ours.size());
            List<CSVRecord> input = records(SAMPLE_CSV);
            for (int i = 1; i < ours.size(); i++) {
                String filename = input.get(i - 1).get("filename");
                String quoted = "\"" + filename + "\",";
                assertTrue(ours.get(i).startsWith(quoted), "row " + i + " follows the CSV order, quoted as the original");
                assertTrue(theirs.get(i).startsWith(quoted));
                // the test model's answer for this image, formatted as Python's repr of float32 * 100
                BufferedImage image = ImageIO.read(SAMPLE_IMAGES.resolve(filename).toFile());
                double[] mean = new double[3];
                for (int y = 0; y < 224; y++) {
                    for (int x = 0; x < 224; x++) {
                        int rgb = image.getRGB(x, y);
                        mean[0] += (rgb >> 16) & 0xFF;
                        mean[1] += (rgb >> 8) & 0xFF;
                        mean[2] += rgb & 0xFF;
                    }
                }
                CSVRecord row = input.get(i - 1);
                double[] ancillary = {Double.parseDouble(row.get("evapotranspiration")),
                        Double.parseDouble(row.get("precipitation")), Double.parseDouble(row.get("elevation")),
                        Double.parseDouble(row.get("slope")), Double.parseDouble(row.get("temp_ave")),
                        Double.parseDouble(row.get("temp_max")), Double.parseDouble(row.get("temp_min"))};
                double[] expected = TestData.abundance(level, mean[0] / 50176, mean[1] / 50176, mean[2] / 50176, ancillary);
                String[] cells = ours.get(i).substring(quoted.length()).split(",");
                assertEquals(expected.length, cells.length);
                double sum = 0;
                for (int k = 0; k < cells.length; k++) {
                    double percent = Double.parseDouble(cells[k]);
                    float fraction = (float) (percent / 100.0);
                    assertEquals(PythonFloat.repr(fraction * 100.0), cells[k], "float32 x 100 in repr");
                    assertEquals(expected[k] * 100, percent, 2e-4);
                    sum += percent;
                }
                assertEquals(100, sum, 1e-3);
            }
        }
    }

    private Path folder(String name, int... sizes) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        for (int i = 0; i < sizes.length; i++) {
            BufferedImage image = new BufferedImage(sizes[i], 224, BufferedImage.TYPE_3BYTE_BGR);
            ImageIO.write(image, "jpg", dir.resolve("w" + i + ".jpg").toFile());
        }
        return dir;
    }

    private Path csv(String text) throws Exception {
        return Files.writeString(temp.resolve("anc" + text.hashCode() + ".csv"), text);
    }

    private String failure(Path images, Path csv) {
        return assertThrows(BatchException.class,
                () -> workflow.run(images, csv, Level.N1, temp.resolve("out"), ProgressListener.NONE)).getMessage();
    }

    @Test
    void check1EveryImageIs224By224By3() throws Exception {
        Path images = folder("c1", 224, 200);
        String message = failure(images, csv(HEADER + "w0.jpg" + VALUES)); // also fails check 2: check 1 comes first
        assertEquals("Image 'w1.jpg' is 200 x 224 pixels with 3 band(s); every image must be 224 x 224 pixels "
                + "with 3 bands (RGB)", message);
        Path grey = Files.createDirectories(temp.resolve("grey"));
        ImageIO.write(new BufferedImage(224, 224, BufferedImage.TYPE_BYTE_GRAY), "jpg", grey.resolve("g.jpg").toFile());
        assertTrue(failure(grey, csv(HEADER + "g.jpg" + VALUES)).contains("with 1 band(s)"));
    }

    @Test
    void check2AsManyImagesAsRows() throws Exception {
        assertEquals("The number of images (2) differs from the number of rows in the CSV file (1); there must be "
                + "one row per image", failure(folder("c2", 224, 224), csv(HEADER + "w0.jpg" + VALUES)));
    }

    @Test
    void check3AtLeastOneImage() throws Exception {
        Path empty = folder("c3");
        assertEquals("No .jpg image in " + empty, failure(empty, csv(HEADER)));
    }

    @Test
    void check4EveryImageHasARowAndEveryRowAnImage() throws Exception {
        Path images = folder("c4", 224, 224);
        assertEquals("These images have no row in the CSV file (column 'filename'): w1.jpg; "
                        + "these CSV rows name no image in the folder: other.jpg",
                failure(images, csv(HEADER + "w0.jpg" + VALUES + "other.jpg" + VALUES)));
        String noFilename = HEADER.replace("filename", "name") + "w0.jpg" + VALUES + "w1.jpg" + VALUES;
        assertTrue(failure(images, csv(noFilename)).startsWith("The CSV file lacks the column(s) filename;"));
    }

    @Test
    void check5AllColumnsPresent() throws Exception {
        Path images = folder("c5", 224);
        String noSlope = HEADER.replace(",slope", "") + "w0.jpg,894.2,376.1,519.7,16.6,23.7,10.1\n";
        assertEquals("The CSV file lacks the column(s) slope; it must have filename, evapotranspiration, "
                + "precipitation, elevation, slope, temp_ave, temp_max, temp_min", failure(images, csv(noSlope)));
    }

    @Test
    void check6AncillaryColumnsAreNumeric() throws Exception {
        Path images = folder("c6", 224);
        assertEquals("Column 'slope' must be numeric, but row 1 (w0.jpg) holds 'steep'",
                failure(images, csv(HEADER + "w0.jpg,894.2,376.1,519.7,steep,16.6,23.7,10.1\n")));
    }
}
