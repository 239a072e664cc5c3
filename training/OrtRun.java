import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime, the runtime rgbunmix ships, over windows that training/quantize.py wrote: what the quantizer needs
 * from a runtime where Debian has no onnxruntime for Python. Run with the project's jar on the class path:
 *
 * <pre>
 *   java -cp target/rgbunmix.jar training/OrtRun.java predict MODEL.onnx DIR OUT.f32
 *       the model's abundances (float32, windows x classes) for DIR/images.u8 and DIR/ancillary.f32
 *   java -cp target/rgbunmix.jar training/OrtRun.java calibrate MODEL.onnx DIR OUT.json BINS
 *       for each graph output but the contract's two, its minimum and maximum over the windows, then a histogram of
 *       BINS bins between them (a second pass): what calibration picks each activation's range from
 * </pre>
 * DIR/images.u8 holds windows x 224 x 224 x 3 bytes (NHWC, RGB), DIR/ancillary.f32 windows x 7 floats (little-endian).
 */
public final class OrtRun {
    private static final int WINDOW_BYTES = 224 * 224 * 3;
    private static final int BATCH = 16;

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        ByteBuffer images = map(dir.resolve("images.u8"));
        FloatBuffer ancillary = map(dir.resolve("ancillary.f32")).asFloatBuffer();
        int windows = images.capacity() / WINDOW_BYTES;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
        try (OrtSession session = environment.createSession(model.toString(), options)) {
            switch (args[0]) {
                case "predict" -> predict(environment, session, images, ancillary, windows, Path.of(args[3]));
                case "calibrate" -> calibrate(environment, session, images, ancillary, windows, Path.of(args[3]),
                        Integer.parseInt(args[4]));
                default -> throw new IllegalArgumentException("predict or calibrate, not " + args[0]);
            }
        }
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** One batch's outputs: the session's result, closed by the caller. */
    private static OrtSession.Result run(OrtEnvironment environment, OrtSession session, ByteBuffer images,
                                         FloatBuffer ancillary, int start, int count) throws Exception {
        FloatBuffer pixels = ByteBuffer.allocateDirect(count * WINDOW_BYTES * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < count * WINDOW_BYTES; i++) {
            pixels.put(i, images.get(start * WINDOW_BYTES + i) & 0xFF);
        }
        FloatBuffer values = ancillary.duplicate().position(start * 7).limit((start + count) * 7).slice();
        List<String> inputs = List.copyOf(session.getInputNames());
        String image = inputs.contains("image") ? "image" : inputs.get(0);
        String other = inputs.stream().filter(n -> !n.equals(image)).findFirst().orElseThrow();
        OnnxTensor imageTensor = OnnxTensor.createTensor(environment, pixels, new long[] {count, 224, 224, 3});
        OnnxTensor ancillaryTensor = OnnxTensor.createTensor(environment, values, new long[] {count, 7});
        try (imageTensor; ancillaryTensor) {
            return session.run(Map.of(image, imageTensor, other, ancillaryTensor));
        }
    }

    private static void predict(OrtEnvironment environment, OrtSession session, ByteBuffer images,
                                FloatBuffer ancillary, int windows, Path out) throws Exception {
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int start = 0; start < windows; start += BATCH) {
                int count = Math.min(BATCH, windows - start);
                try (OrtSession.Result result = run(environment, session, images, ancillary, start, count)) {
                    FloatBuffer abundance = ((OnnxTensor) result.get("abundance").orElseThrow()).getFloatBuffer();
                    ByteBuffer bytes = ByteBuffer.allocate(abundance.remaining() * Float.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(abundance);
                    channel.write(bytes);
                }
            }
        }
        System.out.printf("%d windows in %.1f s%n", windows, (System.nanoTime() - started) / 1e9);
    }

    private static void calibrate(OrtEnvironment environment, OrtSession session, ByteBuffer images,
                                  FloatBuffer ancillary, int windows, Path out, int bins) throws Exception {
        Map<String, float[]> ranges = new LinkedHashMap<>();
        Map<String, long[]> histograms = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int start = 0; start < windows; start += BATCH) {
                int count = Math.min(BATCH, windows - start);
                try (OrtSession.Result result = run(environment, session, images, ancillary, start, count)) {
                    for (Map.Entry<String, OnnxValue> output : result) {
                        String name = output.getKey();
                        if (name.equals("abundance") || name.equals("presence")) {
                            continue;
                        }
                        FloatBuffer values = ((OnnxTensor) output.getValue()).getFloatBuffer();
                        if (pass == 0) {
                            float[] range = ranges.computeIfAbsent(name, n -> new float[] {Float.MAX_VALUE,
                                    -Float.MAX_VALUE});
                            while (values.hasRemaining()) {
                                float v = values.get();
                                range[0] = Math.min(range[0], v);
                                range[1] = Math.max(range[1], v);
                            }
                        } else {
                            float[] range = ranges.get(name);
                            long[] histogram = histograms.computeIfAbsent(name, n -> new long[bins]);
                            double width = Math.max(range[1] - range[0], 1e-12) / bins;
                            while (values.hasRemaining()) {
                                int bin = (int) ((values.get() - range[0]) / width);
                                histogram[Math.max(0, Math.min(bins - 1, bin))]++;
                            }
                        }
                    }
                }
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        ranges.forEach((name, range) -> report.put(name, Map.of("min", range[0], "max", range[1],
                "histogram", histograms.get(name))));
        Files.writeString(out, new ObjectMapper().writeValueAsString(report));
        System.out.printf("%d tensors over %d windows%n", ranges.size(), windows);
    }
}
