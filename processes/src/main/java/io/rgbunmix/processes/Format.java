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

    /** The usual file extension of a media type's files, without the dot ("tif", "geojson", "gml", "csv", "zip", "txt"). */
    public static String extension(String mimeType) {
        String mime = MimeTypes.normalise(mimeType);
        return mime.startsWith("image/tiff") ? "tif"
                : mime.startsWith("application/json") || mime.startsWith("application/geo+json") ? "geojson"
                : mime.startsWith("text/xml") ? "gml" : mime.startsWith("text/csv") ? "csv"
                : mime.startsWith("application/zip") ? "zip" : "txt";
    }

    /** The media type of a file, from the extension {@link #extension} gives its kind. */
    public static String mediaTypeOf(String fileName) {
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        return switch (extension) {
            case "geojson" -> GEOJSON.mimeType();
            case "csv" -> CSV.mimeType();
            case "tif" -> GEOTIFF.mimeType();
            case "gml" -> "text/xml";
            case "zip" -> ZIP.mimeType();
            default -> TEXT.mimeType();
        };
    }
}
