package io.rgbunmix.files;

import io.rgbunmix.gdal.Gdal;
import io.rgbunmix.gdal.GdalDecodedTiff;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.sentinel2.SafeProduct;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Opens a local raster file by its first bytes: a GeoTIFF or COG by Apache SIS, a JPEG 2000 by GDAL, a Sentinel-2
 * SAFE product, folder or zip, by its own files, anything else by GDAL where the origin allows it. A STAC item is
 * recognised here and read by the caller, which decides which URLs may be followed.
 */
public final class RasterFiles {
    private RasterFiles() {
    }

    /** What a file is, from its first bytes. */
    public enum Kind {
        TIFF("a GeoTIFF"), JPEG2000("a JPEG 2000"), SAFE_ZIP("a Sentinel-2 SAFE zip"), STAC_ITEM("a STAC item"),
        OTHER("another format");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** The kind in words, for messages ("a JPEG 2000"). */
        public String words() {
            return words;
        }

        /** The kind a media type declares; OTHER for one this class does not read. */
        public static Kind declaredBy(String mediaType) {
            String type = mediaType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
            return switch (type) {
                case "image/tiff", "image/geotiff", "image/tiff+geotiff" -> TIFF;
                case "image/jp2", "image/jpx" -> JPEG2000;
                case "application/zip", "application/x-zip-compressed" -> SAFE_ZIP;
                case "application/geo+json", "application/json" -> STAC_ITEM;
                default -> OTHER;
            };
        }
    }

    public static Kind sniff(Path file, String name) throws RasterException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43)))) {
            return Kind.TIFF;
        }
        byte[] jp2 = {0, 0, 0, 12, 'j', 'P', ' ', ' '};
        byte[] codestream = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};
        if ((head.length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), jp2))
                || (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), codestream))) {
            return Kind.JPEG2000;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
            if (!SafeProduct.isProductZip(file)) {
                throw new RasterException(name + ": a zip that holds no Sentinel-2 SAFE product "
                        + "(no <name>.SAFE/MTD_MSIL1C.xml or MTD_MSIL2A.xml)");
            }
            return Kind.SAFE_ZIP;
        }
        String text = new String(head, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("{")) {
            return Kind.STAC_ITEM;
        }
        return Kind.OTHER;
    }

    /**
     * Opens a SAFE folder, or a file of a kind {@link #sniff} found (not a STAC item, which the caller reads).
     *
     * @param bandNames names choosing a SAFE product's bands (B04,B03,B02); empty for its true-colour image or a
     *                  single file's own bands
     * @param origin    whose file it is: a client's is read by each kind's own reader only
     */
    public static OpenedRaster open(Path path, Kind kind, String name, List<String> bandNames, Origin origin)
            throws RasterException {
        if (Files.isDirectory(path) || kind == Kind.SAFE_ZIP) {
            if (Files.isDirectory(path) && !SafeProduct.isProduct(path)) {
                throw new RasterException(name + ": a folder, and not a Sentinel-2 SAFE product (no manifest.safe)");
            }
            return SafeProduct.open(path, name, origin).raster(bandNames);
        }
        if (kind == Kind.STAC_ITEM) {
            throw new IllegalArgumentException(name + ": a STAC item is read by the caller, under its URL rules");
        }
        noBandNames(bandNames, name);
        if (kind == Kind.TIFF) {
            GeoRaster tiff = GeoRaster.open(path, name);
            Optional<GdalDecodedTiff> decoded = GdalDecodedTiff.of(tiff);
            return decoded.isPresent() ? new OpenedRaster(decoded.get(), null, name + ", GeoTIFF read by Apache SIS, "
                    + "its pixels decoded by GDAL " + Gdal.get(name).version())
                    : new OpenedRaster(tiff, null, name + ", GeoTIFF read by Apache SIS");
        }
        if (kind == Kind.JPEG2000) {
            GdalRaster raster = origin.openJpeg2000(path.toString(), name);
            return new OpenedRaster(raster, null, name + ", " + raster.driver() + " read by GDAL " + Gdal.get(name).version());
        }
        if (!Gdal.available()) {
            // what SIS says of it, with what would read it
            throw new RasterException(name + ": neither a GeoTIFF, a JPEG 2000, a Sentinel-2 product nor a STAC "
                    + "item; other formats are read by GDAL, which is not installed here (" + Gdal.PACKAGE + ")");
        }
        GdalRaster raster = GdalRaster.open(path.toString(), name);
        return new OpenedRaster(raster, null, name + ", " + raster.driver() + " read by GDAL " + Gdal.get(name).version());
    }

    /** Band names choose a product's files; a single file's bands are chosen by index. */
    public static void noBandNames(List<String> bandNames, String name) throws RasterException {
        if (!bandNames.isEmpty()) {
            throw new RasterException(name + ": band names (" + String.join(",", bandNames) + ") choose the files of a "
                    + "Sentinel-2 product or the assets of a STAC item; for a single file give band indexes, e.g. 3,2,1");
        }
    }
}
