package io.rgbunmix.geoserver;

import io.rgbunmix.model.InferenceSettings;
import org.geoserver.platform.GeoServerExtensions;
import org.geoserver.platform.GeoServerResourceLoader;

/** Makes the {@link UnmixModels} bean from GeoServer's data directory and settings. */
public final class GeoServerModels {
    private GeoServerModels() {
    }

    public static UnmixModels create(GeoServerResourceLoader loader) {
        String property = GeoServerExtensions.getProperty(UnmixModels.FOLDER_PROPERTY);
        return new UnmixModels(UnmixModels.folder(property, loader.getBaseDirectory().toPath()),
                InferenceSettings.DEFAULT);
    }
}
