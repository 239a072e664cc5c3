package io.rgbunmix.spark;

import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of an executor JVM, loaded by its first task and shared by every later one, so a model is
 * loaded once per executor, not once per task. This is the project's one piece of static state, on
 * purpose: Spark gives an executor no other place that outlives a task. The stores are closed when
 * the JVM ends.
 */
final class ExecutorModels {
    private static final Map<String, ModelStore> STORES = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    static ModelStore of(RunSettings settings) {
        String key = settings.models() + "|" + settings.batchSize() + "|" + settings.threads();
        return STORES.computeIfAbsent(key, k -> {
            ModelStore store = new ModelStore(Path.of(settings.models()),
                    new InferenceSettings(settings.batchSize(), 1, settings.threads()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    store.close();
                } catch (Exception ignored) {
                    // the JVM is ending: its native sessions go with it
                }
            }, "rgbunmix-models-close"));
            return store;
        });
    }

    /** How many stores this JVM has loaded (one per models folder and settings). */
    static int loaded() {
        return STORES.size();
    }
}
