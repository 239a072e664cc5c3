package io.rgbunmix.processes;

/** A complex value's format: a mime type, optionally with an encoding (e.g. base64) and a schema. */
public record Format(String mimeType, String encoding, String schema) {
    public static Format of(String mimeType) {
        return new Format(mimeType, null, null);
    }

    public static final Format GEOTIFF = of("image/tiff");
    public static final Format GEOJSON = of("application/json");
    public static final Format GML2 = of("text/xml; subtype=wfs-collection/1.0");
    public static final Format GML3 = of("text/xml; subtype=wfs-collection/1.1");
    public static final Format CSV = of("text/csv");
    public static final Format ZIP = of("application/zip");
    public static final Format JPEG2000 = of("image/jp2");
    /** A STAC item is a GeoJSON Feature. */
    public static final Format STAC_ITEM = of("application/geo+json");
    public static final Format TEXT = of("text/plain");
}
