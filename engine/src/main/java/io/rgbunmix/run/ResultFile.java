package io.rgbunmix.run;

/** A file a run writes its windows into, in one of the engine's forms. */
public record ResultFile(String name, Form form) {
    /** The forms of the engine's result files. */
    public enum Form {
        /** Features in GeoJSON (EPSG:4326). */
        GEOJSON,
        /** Features in GML 2 (WFS 1.0 collection). */
        GML2,
        /** Features in GML 3.1 (WFS 1.1 collection). */
        GML3,
        /** One row per window. */
        CSV,
        /** One float32 band per class on the window grid. */
        GEOTIFF,
        /** One row per skipped window, with its reason. */
        SKIPPED_CSV,
        /** The raster's picture with the windows drawn on it. */
        PNG
    }
}
