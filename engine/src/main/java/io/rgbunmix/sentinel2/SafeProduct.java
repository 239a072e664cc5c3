package io.rgbunmix.sentinel2;

import io.rgbunmix.ancillary.ClientXml;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.raster.BandStack;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Sentinel-2 L1C or L2A product, as a {@code .SAFE} folder or its zip. Its image files are read
 * where they lie (a zip's as {@code /vsizip/{archive}/member}, whose braces let the archive have any
 * name, a staged client file's having no {@code .zip}: nothing is unpacked).
 *
 * <p>The 16-bit bands hold reflectance x quantification (10,000) minus an offset: from processing
 * baseline 04.00 (January 2022) the offset is 1,000 ({@code BOA_ADD_OFFSET} / {@code RADIO_ADD_OFFSET}
 * = -1000), so a stretch made for older products would darken every newer one. The stretch used here
 * is the true-colour image's own: reflectance 0 to 0.2 onto 0..255.
 *
 * <p>The images are found by the product's own layout ({@code <name>.SAFE/GRANULE/<granule>/IMG_DATA/...}),
 * never by paths written in its metadata, and a member whose name could climb out of the product or be
 * read as a GDAL virtual path ("..", a leading "/", "/vsi...", characters no Sentinel-2 name has) is
 * refused: a client's product names only its own files.
 */
public final class SafeProduct {
    /** The TCI's white point, as a reflectance. */
    static final double TCI_WHITE_REFLECTANCE = 0.2;
    private static final Pattern BAND_NAME = Pattern.compile("B(0[1-9]|1[0-2]|8A)");
    /** Band files and the TCI of L2A (R10m/..._B04_10m.jp2) and of L1C (..._B04.jp2). */
    private static final Pattern IMAGE = Pattern.compile(".*/GRANULE/[^/]+/IMG_DATA/(?:R10m/)?[^/]*_(TCI|B\\w\\w)(?:_10m)?\\.jp2");
    /** The quality masks: an L2A's scene classification at 20 m, an L1C's cloud mask (baseline 04.00 on). */
    private static final Pattern SCL = Pattern.compile(".*/GRANULE/[^/]+/IMG_DATA/R20m/[^/]*_SCL_20m\\.jp2");
    private static final Pattern CLOUD_MASK = Pattern.compile(".*/GRANULE/[^/]+/QI_DATA/MSK_CLASSI_B00\\.jp2");
    /**
     * What a member's path inside the product may be made of: Sentinel-2's names use letters, digits,
     * '_', '-' and '.', and no component is "." or "..".
     */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9_.-]+)+");
    /** band_id of the metadata's offset lists: B01 = 0, B02 = 1, ... B08 = 7, B8A = 8, B09 = 9, ... */
    private static final List<String> BAND_IDS = List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
            "B8A", "B09", "B10", "B11", "B12");

    private final String name;
    private final String gdalPrefix;
    private final List<String> images;
    private final Document metadata;
    private final Origin origin;

    private SafeProduct(String name, String gdalPrefix, List<String> images, Document metadata, Origin origin) {
        this.origin = origin;
        this.name = name;
        this.gdalPrefix = gdalPrefix;
        this.images = images;
        this.metadata = metadata;
    }

    /** Whether a path looks like a SAFE product: a folder with {@code manifest.safe}, or a zip holding one. */
    public static boolean isProduct(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("manifest.safe"));
        }
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") && isProductZip(path);
    }

    /**
     * Whether a zip, whatever its file is named (a server stages a client's bytes under names of its own),
     * holds a SAFE product's metadata.
     */
    public static boolean isProductZip(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().matches("[^/]+\\.SAFE/MTD_MSIL(1C|2A)\\.xml"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the product's listing and metadata; {@code name} is what messages call it, {@code origin}
     * says whose it is, and so how GDAL reads its images.
     */
    public static SafeProduct open(Path path, String name, Origin origin) throws RasterException {
        try {
            if (Files.isDirectory(path)) {
                List<String> images = new ArrayList<>();
                try (Stream<Path> files = Files.walk(path, 6)) {
                    files.map(f -> "/" + path.relativize(f).toString().replace('\\', '/'))
                            .filter(SafeProduct::isImageOrMask).sorted().forEach(images::add);
                }
                Path metadata = findMetadata(path);
                try (InputStream in = Files.newInputStream(metadata)) {
                    return new SafeProduct(name, path.toAbsolutePath().toString(), images, parse(in, name), origin);
                }
            }
            try (ZipFile zip = new ZipFile(path.toFile())) {
                List<String> members = zip.stream().map(e -> "/" + e.getName().replaceAll("/+$", "")).toList();
                for (String member : members) {
                    if (!SAFE_PATH.matcher(member).matches()) {
                        throw new RasterException(name + ": the product's file '" + printable(member) + "' has a name "
                                + "no Sentinel-2 file has (it could point outside the product); the product is refused");
                    }
                }
                List<String> images = members.stream().filter(SafeProduct::isImageOrMask).sorted().toList();
                ZipEntry metadata = zip.stream().filter(e -> e.getName().matches("[^/]+\\.SAFE/MTD_MSIL(1C|2A)\\.xml"))
                        .findFirst().orElseThrow(() -> new RasterException(name + ": the zip holds no Sentinel-2 "
                                + "product (no <name>.SAFE/MTD_MSIL1C.xml or MTD_MSIL2A.xml)"));
                try (InputStream in = zip.getInputStream(metadata)) {
                    return new SafeProduct(name, "/vsizip/{" + path.toAbsolutePath() + "}", images, parse(in, name), origin);
                }
            }
        } catch (IOException e) {
            throw new RasterException(name + ": cannot read the Sentinel-2 product: " + e.getMessage(), e);
        }
    }

    private static boolean isImageOrMask(String member) {
        return IMAGE.matcher(member).matches() || SCL.matcher(member).matches() || CLOUD_MASK.matcher(member).matches();
    }

    private static Path findMetadata(Path folder) throws IOException, RasterException {
        for (String level : List.of("MTD_MSIL2A.xml", "MTD_MSIL1C.xml")) {
            if (Files.isRegularFile(folder.resolve(level))) {
                return folder.resolve(level);
            }
        }
        throw new RasterException(folder.getFileName() + ": no MTD_MSIL2A.xml or MTD_MSIL1C.xml in the SAFE folder");
    }

    /** "L2A" or "L1C". */
    public String level() {
        return metadata.getDocumentElement().getLocalName().contains("2A") ? "L2A" : "L1C";
    }

    /** The processing baseline, e.g. "05.09", or "" when the metadata does not say. */
    public String processingBaseline() {
        return text("PROCESSING_BASELINE").orElse("");
    }

    /** The acquisition date, ISO 8601 (from PRODUCT_START_TIME), or null when the metadata does not say. */
    public String date() {
        return text("PRODUCT_START_TIME").or(() -> text("DATATAKE_SENSING_START"))
                .filter(t -> t.matches("\\d{4}-\\d{2}-\\d{2}.*")).map(t -> t.substring(0, 10)).orElse(null);
    }

    /**
     * The true-colour image, 8-bit RGB, taken as it is; or, when {@code bandNames} are given (e.g.
     * B04, B03, B02), those 10 m bands stacked, with the stretch of their reflectances onto 0..255. Either
     * comes with the product's quality mask where it has one (an L2A's SCL, an L1C's MSK_CLASSI_B00) and
     * its date.
     */
    public OpenedRaster raster(List<String> bandNames) throws RasterException {
        OpenedRaster pixels = pixels(bandNames);
        try {
            return new OpenedRaster(pixels.source(), pixels.rescale(), pixels.description(), qualityMask(), date());
        } catch (RasterException | RuntimeException e) {
            try {
                pixels.close();
            } catch (Exception ignored) {
                // already failing: the first error is the one to report
            }
            throw e;
        }
    }

    /** The product's own mask of clouds, shadows and snow, opened; null when it carries none. */
    private OpenedRaster.FoundMask qualityMask() throws RasterException {
        Optional<String> scl = images.stream().filter(f -> SCL.matcher(f).matches()).findFirst();
        if (scl.isPresent()) {
            return new OpenedRaster.FoundMask(origin.openJpeg2000(gdalPrefix + scl.get(), name + " SCL"),
                    OpenedRaster.FoundMask.Kind.SCENE_CLASSIFICATION, name);
        }
        Optional<String> clouds = images.stream().filter(f -> CLOUD_MASK.matcher(f).matches()).findFirst();
        if (clouds.isPresent()) {
            return new OpenedRaster.FoundMask(origin.openJpeg2000(gdalPrefix + clouds.get(), name + " MSK_CLASSI_B00"),
                    OpenedRaster.FoundMask.Kind.CLOUD_BANDS, name);
        }
        return null;
    }

    private OpenedRaster pixels(List<String> bandNames) throws RasterException {
        if (bandNames.isEmpty()) {
            String tci = image("TCI");
            return new OpenedRaster(origin.openJpeg2000(gdalPrefix + tci, name), null,
                    "the true-colour image (TCI) of " + name + " (" + level() + ", baseline " + processingBaseline() + ")");
        }
        List<RasterSource> layers = new ArrayList<>();
        try {
            double offset = Double.NaN;
            for (String band : bandNames) {
                String id = band.toUpperCase(Locale.ROOT);
                if (!BAND_NAME.matcher(id).matches()) {
                    throw new RasterException(name + ": '" + band + "' is not a Sentinel-2 band name (B01 to B12, B8A)");
                }
                layers.add(origin.openJpeg2000(gdalPrefix + image(id), name + " " + id));
                double bandOffset = offset(id);
                if (!Double.isNaN(offset) && bandOffset != offset) {
                    throw new RasterException(name + ": the bands have different offsets; stretch them yourself with --rescale");
                }
                offset = bandOffset;
            }
            double quantification = quantification();
            Rescale stretch = new Rescale(0 - offset, TCI_WHITE_REFLECTANCE * quantification - offset);
            return new OpenedRaster(new BandStack(name, layers, 0), stretch, String.format(Locale.ROOT,
                    "bands %s of %s (%s, baseline %s), reflectance 0..%.1f stretched: DN %.0f..%.0f onto 0..255",
                    String.join(",", bandNames), name, level(), processingBaseline(), TCI_WHITE_REFLECTANCE,
                    stretch.min(), stretch.max()));
        } catch (RasterException | RuntimeException e) {
            for (RasterSource layer : layers) {
                ((GdalRaster) layer).close();
            }
            throw e;
        }
    }

    /** The image file of a band or of the TCI, at 10 m where the product has several resolutions. */
    private String image(String what) throws RasterException {
        Optional<String> found = images.stream().filter(f -> {
            Matcher m = IMAGE.matcher(f);
            return m.matches() && m.group(1).equals(what);
        }).min((a, b) -> Boolean.compare(!a.contains("/R10m/"), !b.contains("/R10m/")));
        return found.orElseThrow(() -> new RasterException(name + ": no " + what + " image in the product"
                + (what.equals("TCI") ? "" : " at 10 m (B02, B03, B04 and B08 are the 10 m bands)")));
    }

    /**
     * The number added to a band's samples before dividing by the quantification value: 0 before
     * baseline 04.00, -1000 after (read from the metadata, per band).
     */
    double offset(String band) {
        String tag = level().equals("L2A") ? "BOA_ADD_OFFSET" : "RADIO_ADD_OFFSET";
        NodeList offsets = metadata.getElementsByTagNameNS("*", tag);
        String id = String.valueOf(BAND_IDS.indexOf(band));
        for (int i = 0; i < offsets.getLength(); i++) {
            Element offset = (Element) offsets.item(i);
            if (offset.getAttribute("band_id").equals(id)) {
                return Double.parseDouble(offset.getTextContent().trim());
            }
        }
        return 0;
    }

    double quantification() {
        String tag = level().equals("L2A") ? "BOA_QUANTIFICATION_VALUE" : "QUANTIFICATION_VALUE";
        return text(tag).map(Double::parseDouble).orElse(10_000.0);
    }

    private Optional<String> text(String tag) {
        NodeList nodes = metadata.getElementsByTagNameNS("*", tag);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent().trim());
    }

    /** A name as a message may quote it: control characters shown as '?', and no longer than a line. */
    private static String printable(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 120 ? shown.substring(0, 117) + "..." : shown;
    }

    private static Document parse(InputStream in, String name) throws RasterException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute("jdk.xml.maxElementDepth", ClientXml.MAX_DEPTH);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new RasterException(name + ": the product's metadata (MTD_MSIL*.xml) cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
