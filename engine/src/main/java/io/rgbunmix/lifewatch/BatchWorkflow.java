package io.rgbunmix.lifewatch;

import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.model.OnnxModel;
import io.rgbunmix.model.Prediction;
import io.rgbunmix.unmix.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The published LifeWatch workflow (SPEC section 5): a folder of 224 x 224 RGB JPEG windows
 * and a CSV of their ancillary values in; {@code Abundance estimation results at level N1.csv}
 * (or N2) out, one row per CSV row in the CSV's order, percent values as the original wrote
 * them. The six input checks run first, in the original's order, and the first that fails
 * stops the run with its message.
 */
public final class BatchWorkflow {
    /** The columns the CSV must have (in any order). */
    public static final List<String> CSV_COLUMNS = Stream.concat(Stream.of("filename"),
            ModelContract.ANCILLARY.stream()).toList();

    private final ModelStore models;

    public BatchWorkflow(ModelStore models) {
        this.models = models;
    }

    /** The name the original gives its output file. */
    public static String outputName(Level level) {
        return "Abundance estimation results at level " + level + ".csv";
    }

    /** One validated input: an image and its ancillary values, in CSV order. */
    record Window(String filename, Path image, AncillaryValues ancillary) {
    }

    /** Runs the checks, the model, and writes the output CSV into {@code outDir}; returns its path. */
    public Path run(Path images, Path csv, Level level, Path outDir, ProgressListener progress)
            throws BatchException, IOException {
        List<Window> windows = check(images, csv);
        OnnxModel model;
        try {
            model = models.forLevel(level);
        } catch (ModelException e) {
            throw new BatchException(e.getMessage());
        }
        Files.createDirectories(outDir);
        Path output = outDir.resolve(outputName(level));
        ModelCard card = model.card();
        int batchSize = models.settings().batchSize();
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
            List<String> header = new ArrayList<>(List.of("filename"));
            card.classes().forEach(c -> header.add(c.name()));
            printer.printRecord(header);
            for (int start = 0; start < windows.size(); start += batchSize) {
                List<Window> batch = windows.subList(start, Math.min(windows.size(), start + batchSize));
                Prediction prediction = predict(model, batch);
                for (int i = 0; i < batch.size(); i++) {
                    List<String> row = new ArrayList<>(List.of(batch.get(i).filename()));
                    for (float fraction : prediction.abundance()[i]) {
                        row.add(PythonFloat.repr(fraction * 100.0));
                    }
                    printer.printRecord(row);
                }
                progress.progress(start + batch.size(), windows.size());
            }
        } catch (ModelException e) {
            throw new IOException(e.getMessage(), e);
        }
        return output;
    }

    private static Prediction predict(OnnxModel model, List<Window> batch) throws IOException, ModelException {
        FloatBuffer pixels = FloatBuffer.allocate(batch.size() * ModelContract.WINDOW_FLOATS);
        FloatBuffer ancillary = FloatBuffer.allocate(batch.size() * ModelContract.ANCILLARY.size());
        for (Window window : batch) {
            BufferedImage image = ImageIO.read(window.image().toFile());
            for (int y = 0; y < ModelContract.WINDOW; y++) {
                for (int x = 0; x < ModelContract.WINDOW; x++) {
                    int rgb = image.getRGB(x, y);
                    pixels.put((rgb >> 16) & 0xFF).put((rgb >> 8) & 0xFF).put(rgb & 0xFF);
                }
            }
            for (double v : window.ancillary().values()) {
                ancillary.put((float) v);
            }
        }
        return model.predict(pixels.flip(), ancillary.flip(), batch.size());
    }

    /** The six checks of the original workflow, in its order. */
    List<Window> check(Path imageFolder, Path csvFile) throws BatchException, IOException {
        if (!Files.isDirectory(imageFolder)) {
            throw new BatchException("The image folder " + imageFolder + " does not exist");
        }
        if (!Files.isRegularFile(csvFile)) {
            throw new BatchException("The ancillary CSV file " + csvFile + " does not exist");
        }
        Map<String, Path> images = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(imageFolder)) {
            files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .sorted().forEach(p -> images.put(p.getFileName().toString(), p));
        }
        // 1. every image is 224 x 224 x 3
        for (Path image : images.values()) {
            int[] shape = shape(image);
            if (shape[0] != ModelContract.WINDOW || shape[1] != ModelContract.WINDOW || shape[2] != 3) {
                throw new BatchException("Image '" + image.getFileName() + "' is " + shape[1] + " x " + shape[0]
                        + " pixels with " + shape[2] + " band(s); every image must be 224 x 224 pixels with 3 bands (RGB)");
            }
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        List<CSVRecord> rows;
        List<String> columns;
        try (Reader reader = Files.newBufferedReader(csvFile, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            columns = parser.getHeaderNames();
            rows = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new BatchException("The ancillary CSV file " + csvFile.getFileName() + " cannot be read: "
                    + e.getMessage());
        }
        // 2. as many images as CSV rows
        if (images.size() != rows.size()) {
            throw new BatchException("The number of images (" + images.size() + ") differs from the number of rows"
                    + " in the CSV file (" + rows.size() + "); there must be one row per image");
        }
        // 3. at least one image
        if (images.isEmpty()) {
            throw new BatchException("No .jpg image in " + imageFolder);
        }
        // 4. every image has a row and every row an image (needs the filename column)
        if (!columns.contains("filename")) {
            throw missingColumns(columns);
        }
        Set<String> named = new LinkedHashSet<>();
        rows.forEach(r -> named.add(r.get("filename")));
        List<String> withoutRow = images.keySet().stream().filter(n -> !named.contains(n)).toList();
        List<String> withoutImage = named.stream().filter(n -> !images.containsKey(n)).toList();
        if (!withoutRow.isEmpty() || !withoutImage.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!withoutRow.isEmpty()) {
                problems.add("these images have no row in the CSV file (column 'filename'): "
                        + String.join(", ", withoutRow));
            }
            if (!withoutImage.isEmpty()) {
                problems.add("these CSV rows name no image in the folder: " + String.join(", ", withoutImage));
            }
            String text = String.join("; ", problems);
            throw new BatchException(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
        // 5. every needed column is there
        if (!columns.containsAll(CSV_COLUMNS)) {
            throw missingColumns(columns);
        }
        // 6. the ancillary columns are numeric
        List<Window> windows = new ArrayList<>(rows.size());
        for (CSVRecord row : rows) {
            double[] values = new double[ModelContract.ANCILLARY.size()];
            for (int i = 0; i < values.length; i++) {
                String column = ModelContract.ANCILLARY.get(i);
                String text = row.get(column);
                try {
                    values[i] = Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    values[i] = Double.NaN;
                }
                if (!Double.isFinite(values[i])) {
                    throw new BatchException("Column '" + column + "' must be numeric, but row "
                            + row.getRecordNumber() + " (" + row.get("filename") + ") holds '" + text + "'");
                }
            }
            String filename = row.get("filename");
            windows.add(new Window(filename, images.get(filename), new AncillaryValues(values)));
        }
        return windows;
    }

    private static BatchException missingColumns(List<String> columns) {
        List<String> missing = CSV_COLUMNS.stream().filter(c -> !columns.contains(c)).toList();
        return new BatchException("The CSV file lacks the column(s) " + String.join(", ", missing)
                + "; it must have " + String.join(", ", CSV_COLUMNS));
    }

    /** {height, width, bands} read from the file's header, without decoding the pixels. */
    private static int[] shape(Path image) throws BatchException, IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BatchException("Image '" + image.getFileName() + "' is not a readable JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int bands = reader.getImageTypes(0).next().getNumBands();
                return new int[] {reader.getHeight(0), reader.getWidth(0), bands};
            } finally {
                reader.dispose();
            }
        }
    }
}
