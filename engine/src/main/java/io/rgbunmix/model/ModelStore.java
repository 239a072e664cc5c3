package io.rgbunmix.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The folder of models: one sub-folder per model holding {@code model.onnx} and its
 * {@code model.json}. Each model is loaded once, on first use, and shared until closed.
 */
public final class ModelStore implements AutoCloseable {
    private static final String CARD = "model.json";
    private static final String GRAPH = "model.onnx";

    private final Path root;
    private final InferenceSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Level, OnnxModel> loaded = new EnumMap<>(Level.class);
    private volatile InferenceListener listener = InferenceListener.NONE;
    /** The inferring threads, shared by every run of this store so that concurrent jobs never oversubscribe. */
    private ExecutorService inference;
    /**
     * Batches' image buffers that ended runs gave back, for the next runs: a run takes
     * {@link InferenceSettings#batchesInFlight()} of them, and making them anew (direct memory, zeroed: 9.6 MB each at
     * the default batch of 16) cost each run as much as preparing a few windows, and each job of a many-core server
     * hundreds of megabytes until a GC.
     */
    private final Deque<FloatBuffer> imageBuffers = new ArrayDeque<>();

    public ModelStore(Path root, InferenceSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    /** From now on, tells {@code listener} of every batch inferred with these models (a server's metrics). */
    public void listen(InferenceListener listener) {
        this.listener = listener;
    }

    public InferenceSettings settings() {
        return settings;
    }

    /** Who is told of every batch inferred with these models. */
    public InferenceListener listener() {
        return listener;
    }

    /** A model folder as found on disk: its card, or why it cannot be used. */
    public record Entry(Path folder, ModelCard card, String problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    /** Every model folder with its card, sorted by folder name; verification is {@link #verify}. */
    public List<Entry> list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("model folder " + root + " does not exist");
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try {
                    entries.add(new Entry(folder, ModelCard.read(folder.resolve(CARD), json), null));
                } catch (ModelException e) {
                    entries.add(new Entry(folder, null, e.getMessage()));
                }
            }
        }
        return entries;
    }

    /** Loads a model folder and checks the checksum, tensor names and shapes, then frees it. */
    public void verify(Path folder) throws ModelException {
        try (OnnxModel ignored = load(folder)) {
            // loading performs every check
        } catch (OrtException e) {
            throw new ModelException(folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shared model for a level: a trained model if the folder has one, else an untrained
     * test model (callers say so to the user through {@link ModelCard#trained()}). Among trained
     * models a full-precision one comes before a quantized one, then folder names decide: a
     * quantized model is used when its folder is the only one of its level (docs/models.md).
     */
    public synchronized OnnxModel forLevel(Level level) throws ModelException {
        OnnxModel model = loaded.get(level);
        if (model == null) {
            Entry entry;
            try {
                entry = list().stream()
                        .filter(e -> e.usable() && e.card().level() == level)
                        .min(Comparator.comparing((Entry e) -> !e.card().trained())
                                .thenComparing(e -> e.card().quantized()))
                        .orElseThrow(() -> new ModelException("no model for level " + level + " in " + root));
            } catch (IOException e) {
                throw new ModelException(e.getMessage(), e);
            }
            model = load(entry.folder());
            loaded.put(level, model);
        }
        return model;
    }

    /** Opens one model folder with every check of SPEC section 3. */
    public OnnxModel load(Path folder) throws ModelException {
        Path card = folder.resolve(CARD);
        Path graph = folder.resolve(GRAPH);
        if (!Files.isRegularFile(graph)) {
            throw new ModelException(graph + ": model file not found");
        }
        ModelCard modelCard = ModelCard.read(card, json);
        if (modelCard.sha256() != null) {
            String actual = sha256(graph);
            if (!actual.equalsIgnoreCase(modelCard.sha256())) {
                throw new ModelException(graph + ": sha256 is " + actual + " but " + card
                        + " says " + modelCard.sha256() + " (file replaced or corrupted?)");
            }
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Idle intra-op threads would otherwise spin, taking a core that another inferring thread needs.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (settings.threads() > 0) {
                options.setIntraOpNumThreads(settings.threads());
            }
            OrtSession session = environment.createSession(graph.toString(), options);
            try {
                return new OnnxModel(modelCard, graph, environment, session);
            } catch (ModelException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new ModelException(graph + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws ModelException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The pool of {@link InferenceSettings#inferringThreads()} threads that run batches through the
     * models; shared by every run, so several jobs at once share the same threads.
     */
    public synchronized ExecutorService inference() {
        if (inference == null) {
            AtomicInteger count = new AtomicInteger();
            inference = Executors.newFixedThreadPool(settings.inferringThreads(), task -> {
                Thread thread = new Thread(task, "rgbunmix-infer-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return inference;
    }

    /**
     * A direct buffer for one batch's images ({@link InferenceSettings#batchSize()} windows of
     * {@link ModelContract#WINDOW_FLOATS} floats, native order), cleared: one given back before, or a new one.
     */
    public synchronized FloatBuffer imageBuffer() {
        FloatBuffer kept = imageBuffers.pollFirst();
        if (kept != null) {
            return kept.clear();
        }
        return ByteBuffer.allocateDirect(settings.batchSize() * ModelContract.WINDOW_FLOATS * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Gives back a buffer of {@link #imageBuffer()} once nothing reads or writes it any more. The store keeps as
     * many as two runs at once take; the rest are left to the garbage collector.
     */
    public synchronized void giveBack(FloatBuffer buffer) {
        if (imageBuffers.size() < 2 * settings.batchesInFlight()) {
            imageBuffers.addFirst(buffer);
        }
    }

    @Override
    public synchronized void close() throws OrtException {
        if (inference != null) {
            inference.shutdownNow();
            inference = null;
        }
        for (OnnxModel model : loaded.values()) {
            model.close();
        }
        loaded.clear();
        imageBuffers.clear();
    }
}
