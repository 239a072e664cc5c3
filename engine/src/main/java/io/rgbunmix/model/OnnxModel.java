package io.rgbunmix.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One loaded model: its card and one ONNX Runtime session. {@link #predict} is safe to call
 * from several threads at once (ONNX Runtime sessions are), so a server shares one instance.
 */
public final class OnnxModel implements AutoCloseable {
    private final ModelCard card;
    private final Path file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Binding binding;

    /** Which graph tensor plays which role in the contract. */
    record Binding(String image, String ancillary, String abundance, String presence) {
    }

    OnnxModel(ModelCard card, Path file, OrtEnvironment environment, OrtSession session) throws ModelException {
        this.card = card;
        this.file = file;
        this.environment = environment;
        this.session = session;
        try {
            this.binding = bind(card, file, session);
        } catch (OrtException e) {
            throw new ModelException(file + ": cannot read the graph's inputs and outputs: " + e.getMessage(), e);
        }
    }

    public ModelCard card() {
        return card;
    }

    public Path file() {
        return file;
    }

    public int classCount() {
        return card.classes().size();
    }

    /**
     * Runs {@code count} windows. {@code images} holds count x 224 x 224 x 3 floats (NHWC,
     * RGB, 0..255) and {@code ancillary} count x 7 raw values in the contract's order.
     */
    public Prediction predict(FloatBuffer images, FloatBuffer ancillary, int count) throws ModelException {
        if (images.remaining() != (long) count * ModelContract.WINDOW_FLOATS
                || ancillary.remaining() != (long) count * ModelContract.ANCILLARY.size()) {
            throw new IllegalArgumentException("buffers do not hold " + count + " windows");
        }
        long[] imageShape = {count, ModelContract.WINDOW, ModelContract.WINDOW, ModelContract.CHANNELS};
        long[] ancillaryShape = {count, ModelContract.ANCILLARY.size()};
        try (OnnxTensor imageTensor = OnnxTensor.createTensor(environment, images, imageShape);
             OnnxTensor ancillaryTensor = OnnxTensor.createTensor(environment, ancillary, ancillaryShape);
             OrtSession.Result result = session.run(
                     Map.of(binding.image(), imageTensor, binding.ancillary(), ancillaryTensor))) {
            return new Prediction(
                    matrix(result, binding.abundance(), count),
                    matrix(result, binding.presence(), count));
        } catch (OrtException e) {
            throw new ModelException(file + ": inference failed: " + e.getMessage(), e);
        }
    }

    private float[][] matrix(OrtSession.Result result, String name, int count) throws OrtException, ModelException {
        OnnxValue value = result.get(name).orElseThrow();
        float[][] rows = (float[][]) value.getValue();
        if (rows.length != count || (count > 0 && rows[0].length != classCount())) {
            throw new ModelException(file + ": output '" + name + "' has shape [" + rows.length + ", "
                    + (rows.length > 0 ? rows[0].length : 0) + "], expected [" + count + ", " + classCount() + "]");
        }
        return rows;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static Binding bind(ModelCard card, Path file, OrtSession session) throws OrtException, ModelException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        ModelCard.TensorNames named = card.tensors() == null
                ? new ModelCard.TensorNames(null, null, null, null) : card.tensors();
        int k = card.classes().size();

        String image = named.image() != null && inputs.containsKey(named.image()) ? named.image()
                : findByShape(inputs, 4, -1, file, "image input (rank 4, N x 224 x 224 x 3)");
        String ancillary = named.ancillary() != null && inputs.containsKey(named.ancillary()) ? named.ancillary()
                : findByShape(inputs, 2, ModelContract.ANCILLARY.size(), file, "ancillary input (rank 2, N x 7)");
        List<String> outputOrder = new ArrayList<>(outputs.keySet());
        if (outputOrder.size() < 2) {
            throw new ModelException(file + ": the graph has " + outputOrder.size()
                    + " output(s); the contract needs two (abundance, presence)");
        }
        String abundance = named.abundance() != null && outputs.containsKey(named.abundance())
                ? named.abundance() : outputOrder.get(0);
        String presence = named.presence() != null && outputs.containsKey(named.presence())
                ? named.presence() : outputOrder.stream().filter(n -> !n.equals(abundance)).findFirst().orElseThrow();

        expectShape(inputs.get(image), image, file,
                -1, ModelContract.WINDOW, ModelContract.WINDOW, ModelContract.CHANNELS);
        expectShape(inputs.get(ancillary), ancillary, file, -1, ModelContract.ANCILLARY.size());
        expectShape(outputs.get(abundance), abundance, file, -1, k);
        expectShape(outputs.get(presence), presence, file, -1, k);
        return new Binding(image, ancillary, abundance, presence);
    }

    private static String findByShape(Map<String, NodeInfo> inputs, int rank, long lastDim, Path file, String what)
            throws ModelException {
        for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == rank
                    && (lastDim < 0 || t.getShape()[rank - 1] == lastDim)) {
                return e.getKey();
            }
        }
        throw new ModelException(file + ": no " + what + " among the graph inputs " + inputs.keySet());
    }

    /** Checks each fixed dimension; -1 in {@code expected} or in the graph means "any". */
    private static void expectShape(NodeInfo info, String name, Path file, long... expected) throws ModelException {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new ModelException(file + ": '" + name + "' is not a tensor");
        }
        long[] actual = t.getShape();
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < actual.length; i++) {
            ok = expected[i] < 0 || actual[i] < 0 || actual[i] == expected[i];
        }
        if (!ok) {
            throw new ModelException(file + ": tensor '" + name + "' has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(expected).replace("-1", "N"));
        }
    }
}
