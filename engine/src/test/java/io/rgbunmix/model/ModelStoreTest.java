package io.rgbunmix.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.TestData;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path temp;

    /** Windows of one uniform colour each, as the model's NHWC input. */
    static FloatBuffer uniform(double[][] colours) {
        FloatBuffer images = FloatBuffer.allocate(colours.length * ModelContract.WINDOW_FLOATS);
        for (double[] rgb : colours) {
            for (int p = 0; p < ModelContract.WINDOW * ModelContract.WINDOW; p++) {
                images.put((float) rgb[0]).put((float) rgb[1]).put((float) rgb[2]);
            }
        }
        return images.flip();
    }

    static FloatBuffer ancillary(double[]... rows) {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * 7);
        for (double[] row : rows) {
            for (double v : row) {
                buffer.put((float) v);
            }
        }
        return buffer.flip();
    }

    @Test
    void testModelGivesTheNumbersOfItsFormula() throws Exception {
        double[][] colours = {{10, 200, 30}, {250, 250, 250}, {0, 0, 0}};
        double[] other = {1200, 250, 1800, 25, 12, 30, 2};
        try (ModelStore store = TestData.store()) {
            for (Level level : Level.values()) {
                OnnxModel model = store.forLevel(level);
                Prediction p = model.predict(uniform(colours), ancillary(TestData.ANCILLARY, other, TestData.ANCILLARY), 3);
                assertEquals(3, p.size());
                for (int i = 0; i < 3; i++) {
                    double[] anc = i == 1 ? other : TestData.ANCILLARY;
                    double[] expected = TestData.abundance(level, colours[i][0], colours[i][1], colours[i][2], anc);
                    double[] presence = TestData.presence(level, colours[i][0], colours[i][1], colours[i][2], anc);
                    assertEquals(level == Level.N1 ? 4 : 10, expected.length);
                    for (int k = 0; k < expected.length; k++) {
                        assertEquals(expected[k], p.abundance()[i][k], 2e-6, level + " window " + i + " class " + k);
                        assertEquals(presence[k], p.presence()[i][k], 2e-6, level + " presence " + i + " class " + k);
                    }
                }
            }
        }
    }

    @Test
    void picksTheModelOfTheLevelAndReportsItUntrained() throws Exception {
        try (ModelStore store = TestData.store()) {
            assertEquals("untrained-test-n2", store.forLevel(Level.N2).card().id());
            assertFalse(store.forLevel(Level.N1).card().trained());
            assertEquals("Wetlands and riverine forests", store.forLevel(Level.N1).card().classes().get(3).name());
            assertTrue(store.forLevel(Level.N1) == store.forLevel(Level.N1), "one shared session per model");
        }
    }

    private Path copyModel(Consumer<ObjectNode> editCard) throws IOException {
        Path folder = temp.resolve("m");
        Files.createDirectories(folder);
        Files.copy(TestData.MODELS.resolve("untrained-test-n1/model.onnx"), folder.resolve("model.onnx"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode card = (ObjectNode) json.readTree(TestData.MODELS.resolve("untrained-test-n1/model.json").toFile());
        editCard.accept(card);
        json.writeValue(folder.resolve("model.json").toFile(), card);
        return folder;
    }

    private String loadError(Path folder) {
        ModelStore store = new ModelStore(temp, InferenceSettings.DEFAULT);
        return assertThrows(ModelException.class, () -> store.load(folder)).getMessage();
    }

    @Test
    void checksumMismatchNamesTheFile() throws Exception {
        String message = loadError(copyModel(card -> card.put("sha256", "00".repeat(32))));
        assertTrue(message.contains("model.onnx") && message.contains("sha256"), message);
    }

    @Test
    void classCountMismatchIsAShapeError() throws Exception {
        String message = loadError(copyModel(card -> card.withArray("classes").remove(3)));
        assertTrue(message.contains("shape") && message.contains("[N, 3]"), message);
    }

    @Test
    void cardWithoutTensorNamesIsBoundByShape() throws Exception {
        Path folder = copyModel(card -> {
            card.remove("tensors");
            card.remove("sha256");
        });
        try (OnnxModel model = new ModelStore(temp, InferenceSettings.DEFAULT).load(folder)) {
            Prediction p = model.predict(uniform(new double[][] {{1, 2, 3}}), ancillary(TestData.ANCILLARY), 1);
            double[] expected = TestData.abundance(Level.N1, 1, 2, 3, TestData.ANCILLARY);
            assertArrayEquals(expected, new double[] {p.abundance()[0][0], p.abundance()[0][1], p.abundance()[0][2],
                    p.abundance()[0][3]}, 2e-6);
        }
    }

    @Test
    void wrongTensorNamesFallBackOnShapes() throws Exception {
        Path folder = copyModel(card -> ((ObjectNode) card.get("tensors")).put("image", "no_such_input"));
        try (OnnxModel model = new ModelStore(temp, InferenceSettings.DEFAULT).load(folder)) {
            assertEquals(4, model.classCount());
        }
    }

    @Test
    void missingGraphAndBadCardAreReported() throws Exception {
        Path folder = copyModel(card -> { });
        Files.delete(folder.resolve("model.onnx"));
        assertTrue(loadError(folder).contains("model file not found"));
        Path other = temp.resolve("other");
        Files.createDirectories(other);
        Files.copy(TestData.MODELS.resolve("untrained-test-n1/model.onnx"), other.resolve("model.onnx"));
        Files.writeString(other.resolve("model.json"), "{\"id\": \"x\"}");
        assertTrue(loadError(other).contains("needs 'id', 'level' and 'classes'"), loadError(other));
    }

    @Test
    void listReportsUnusableFoldersWithoutFailing() throws Exception {
        copyModel(card -> { });
        Files.createDirectories(temp.resolve("empty"));
        var entries = new ModelStore(temp, InferenceSettings.DEFAULT).list();
        assertEquals(2, entries.size());
        assertFalse(entries.get(0).usable(), "the empty folder comes first and has no card");
        assertTrue(entries.get(1).usable());
    }

    /**
     * Batches' image buffers come back to the next run: direct, sized for a batch, cleared; the store keeps as many as
     * two runs at once take (two inferring threads: 2 x 3) and no more.
     */
    @Test
    void imageBuffersAreKeptForTheNextRunUpToTwoRunsWorth() throws Exception {
        try (ModelStore store = new ModelStore(TestData.MODELS, new InferenceSettings(4, 1, 2))) {
            FloatBuffer first = store.imageBuffer();
            assertTrue(first.isDirect());
            assertEquals(4 * ModelContract.WINDOW_FLOATS, first.capacity());
            first.put(1f).put(2f);
            store.giveBack(first);
            FloatBuffer again = store.imageBuffer();
            assertTrue(again == first, "the buffer given back is the one taken next");
            assertEquals(0, again.position());
            assertEquals(again.capacity(), again.limit());
            List<FloatBuffer> taken = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                taken.add(store.imageBuffer());
            }
            taken.forEach(store::giveBack);
            Set<FloatBuffer> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < 10; i++) {
                kept.add(store.imageBuffer());
            }
            long reused = taken.stream().filter(kept::contains).count();
            assertEquals(8, reused, "two runs of 4 batches in flight kept, 2 left to the garbage collector");
        }
    }
}
