package io.rgbunmix.geoserver;

import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geotools.process.ProcessException;

/**
 * The models of this GeoServer: one {@link ModelStore} (one ONNX session per model, loaded on
 * first use and shared by every execution) over the folder given by {@code RGBUNMIX_MODELS}
 * (a system property, servlet context parameter or environment variable), by default
 * {@code $GEOSERVER_DATA_DIR/rgbunmix/models}. A Spring singleton: closed with the context.
 */
public class UnmixModels implements AutoCloseable {
    public static final String FOLDER_PROPERTY = "RGBUNMIX_MODELS";

    private final Path folder;
    private final InferenceSettings settings;
    private ModelStore store;

    public UnmixModels(Path folder, InferenceSettings settings) {
        this.folder = folder;
        this.settings = settings;
    }

    /** The folder GeoServer's configuration names: the property, else the data directory's rgbunmix/models. */
    public static Path folder(String property, Path dataDirectory) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        return dataDirectory.resolve("rgbunmix").resolve("models");
    }

    public Path folder() {
        return folder;
    }

    synchronized ModelStore store() {
        if (!Files.isDirectory(folder)) {
            throw new ProcessException("no rgbunmix models are installed: the folder " + folder + " does not exist. "
                    + "Copy the models (e.g. models/sipna-n1 and models/sipna-n2 of rgbunmix) there, or set "
                    + FOLDER_PROPERTY + " to their folder, then run again");
        }
        if (store == null) {
            store = new ModelStore(folder, settings);
        }
        return store;
    }

    @Override
    public synchronized void close() throws Exception {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
