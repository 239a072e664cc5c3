package io.rgbunmix.inputs;

import io.rgbunmix.fetch.HttpRangeChannel;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRefusedException;
import io.rgbunmix.files.RasterFiles.Kind;
import io.rgbunmix.files.RasterFiles;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.raster.BandStack;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the raster a user names, by what it is rather than by its extension: a GeoTIFF or COG (Apache
 * SIS), a JPEG 2000 (GDAL), a Sentinel-2 SAFE folder or zip, a STAC item (a JSON file or URL), or a
 * COG on http(s) read in parts with range requests.
 *
 * <p>URLs, including those inside a STAC item, go through the reference rules of {@code remote}
 * (allow-list, caps, redirects checked); without it no URL is read. Local paths inside a STAC item are
 * read only where {@code localFiles} allows: a server must never let a client's item name its files.
 *
 * <p>On a server ({@code localFiles} false) every file is a client's, and a client's file must never make
 * the server read another file or another host. So it is read only as one of the kinds above, as the kind
 * its media type declares when it has one, each kind by its own reader alone: GeoTIFF by Apache SIS, JPEG
 * 2000 by GDAL's OpenJPEG driver and nothing else ({@link Origin#CLIENT}), a SAFE zip's own images the
 * same way. Any other format, a GDAL VRT among them, is refused before GDAL sees it.
 */
public final class RasterInputs {
    private static final long MAX_ITEM_BYTES = 10L * 1024 * 1024;

    /** What a server reads, for the messages that refuse the rest. */
    static final String KINDS_READ = "a GeoTIFF (image/tiff), a JPEG 2000 (image/jp2), a Sentinel-2 SAFE product as "
            + ".zip (application/zip) or a STAC item (application/geo+json)";

    private final ReferenceFetcher remote;
    private final boolean localFiles;
    private final Origin origin;

    /**
     * @param remote     the reference rules for URLs, or null to read none
     * @param localFiles true on the user's own machine (the command line): local paths in STAC items are
     *                   read, and GDAL reads files as it would; false on a server, where every file is a client's
     */
    /** Whether local paths (folders, list files, STAC assets on this machine) are read: on the user's own machine only. */
    boolean readsLocalFiles() {
        return localFiles;
    }

    public RasterInputs(ReferenceFetcher remote, boolean localFiles) {
        this.remote = remote;
        this.localFiles = localFiles;
        this.origin = localFiles ? Origin.USER : Origin.CLIENT;
    }

    /**
     * Opens {@code location}, a path or an http(s) URL, whose messages call it {@code name}.
     *
     * @param bandNames band names for products and STAC items (e.g. B04,B03,B02 or red,green,blue):
     *                  the opened raster's bands 1 to 3 are then those; empty for the product's
     *                  true-colour image, or for a plain file's own bands
     */
    public OpenedRaster open(String location, String name, List<String> bandNames) throws RasterException {
        if (isUrl(location)) {
            if (location.toLowerCase(Locale.ROOT).matches(".*\\.(json|geojson)([?#].*)?")) {
                return item(StacItem.parse(download(location, name), name), URI.create(location.trim()), name, bandNames);
            }
            return openRemoteGeoTiff(location, name, bandNames);
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw new RasterException(name + ": not a file name or an http(s) URL");
        }
        return open(path, name, bandNames);
    }

    /** Opens a GeoTIFF on http(s), read in parts with range requests under the reference rules. */
    public OpenedRaster openRemoteGeoTiff(String href, String name, List<String> bandNames) throws RasterException {
        RasterFiles.noBandNames(bandNames, name);
        return new OpenedRaster(remoteGeoTiff(href, name), null, href + ", read in parts over HTTP");
    }

    /** Opens a local file or folder of any kind this class reads, its kind read from its bytes. */
    public OpenedRaster open(Path path, String name, List<String> bandNames) throws RasterException {
        return open(new RasterFile(path, null), name, bandNames);
    }

    /**
     * Opens a local file or folder of any kind this class reads; a file whose sender declared a media type
     * is read as that kind or refused.
     */
    public OpenedRaster open(RasterFile file, String name, List<String> bandNames) throws RasterException {
        Path path = file.path();
        if (Files.isDirectory(path)) {
            return RasterFiles.open(path, Kind.OTHER, name, bandNames, origin);
        }
        if (!Files.isRegularFile(path)) {
            throw new RasterException(name + ": no such file");
        }
        Kind kind = RasterFiles.sniff(path, name);
        if (file.mediaType() != null) {
            Kind declared = Kind.declaredBy(file.mediaType());
            if (declared != kind) {
                throw new RasterException(name + ": declared as " + file.mediaType() + ", but "
                        + (kind == Kind.OTHER ? "it is not " + declared.words() : "it holds " + kind.words())
                        + "; send it as what it is: " + KINDS_READ);
            }
        }
        if (kind == Kind.OTHER && origin == Origin.CLIENT) {
            throw new RasterException(name + ": not a kind this server reads: it reads " + KINDS_READ
                    + "; other formats, GDAL virtual rasters (VRT) among them, are refused");
        }
        if (kind != Kind.STAC_ITEM) {
            return RasterFiles.open(path, kind, name, bandNames, origin);
        }
        try {
            if (Files.size(path) > MAX_ITEM_BYTES) {
                throw new RasterException(name + ": a JSON file larger than a STAC item can be");
            }
            return item(StacItem.parse(Files.readAllBytes(path), name), path.toAbsolutePath().toUri(), name, bandNames);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    OpenedRaster item(StacItem item, URI base, String name, List<String> bandNames) throws RasterException {
        List<StacItem.Asset> assets = item.choose(bandNames, name);
        List<RasterSource> layers = new ArrayList<>();
        try {
            for (StacItem.Asset asset : assets) {
                layers.add(asset(asset, base, name));
            }
            Optional<StacItem.Asset> scl = item.sceneClassification();
            if (scl.isPresent()) {
                layers.add(asset(scl.get(), base, name));
            }
            OpenedRaster.FoundMask mask = scl.isEmpty() ? null : new OpenedRaster.FoundMask(layers.get(layers.size() - 1),
                    OpenedRaster.FoundMask.Kind.SCENE_CLASSIFICATION, "STAC item " + item.id());
            if (assets.size() == 1) {
                return new OpenedRaster(layers.get(0), assets.get(0).rescale(),
                        "asset '" + assets.get(0).key() + "' of STAC item " + item.id(), mask, item.date());
            }
            return new OpenedRaster(new BandStack(name, layers.subList(0, assets.size()), Double.NaN),
                    assets.get(0).rescale(), "assets " + assets.stream().map(StacItem.Asset::key).toList()
                    + " of STAC item " + item.id(), mask, item.date());
        } catch (RasterException | RuntimeException e) {
            for (RasterSource layer : layers) {
                closeQuietly(layer);
            }
            throw e;
        }
    }

    /** One asset of an item, read from its URL in parts (or, on the user's machine, from its file). */
    private RasterSource asset(StacItem.Asset asset, URI base, String name) throws RasterException {
        String assetName = name + " asset '" + asset.key() + "'";
        URI href;
        try {
            href = base.resolve(asset.href().trim());
        } catch (IllegalArgumentException e) {
            throw new RasterException(assetName + ": its href is not a URL");
        }
        String scheme = String.valueOf(href.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return remoteGeoTiff(href.toString(), assetName);
        }
        if (scheme.equals("file") && localFiles) {
            return open(Path.of(href), assetName, List.of()).source();
        }
        throw new RasterException(assetName + ": " + (scheme.equals("file")
                ? "names a file on this server, which is never read for a client; give http(s) URLs"
                : "only http(s) assets are read (its href is '" + asset.href() + "')"));
    }

    private RasterSource remoteGeoTiff(String href, String name) throws RasterException {
        if (remote == null) {
            throw new RasterException(name + ": URLs are not read here");
        }
        HttpRangeChannel channel;
        try {
            channel = remote.openRanges(href);
        } catch (ReferenceRefusedException e) {
            throw new RasterException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            return GeoRaster.open(channel, name);
        } catch (RasterException e) {
            channel.close();
            throw new RasterException(e.getMessage() + (href.toLowerCase(Locale.ROOT).endsWith(".jp2")
                    ? " (remote JPEG 2000 is not read in parts: download it, or use the item's COG assets)" : ""), e);
        }
    }

    private byte[] download(String href, String name) throws RasterException {
        return download(href, null, name);
    }

    /** A JSON document of a STAC server, under the reference rules: fetched, or the answer to a POST of {@code body}. */
    byte[] download(String href, byte[] body, String name) throws RasterException {
        if (remote == null) {
            throw new RasterException(name + ": URLs are not read here");
        }
        try {
            Path temporary = Files.createTempFile("rgbunmix-item", ".json");
            try {
                remote.fetch(href, body, body == null ? null : "application/json", temporary);
                if (Files.size(temporary) > MAX_ITEM_BYTES) {
                    throw new RasterException(name + ": larger than a STAC item can be");
                }
                return Files.readAllBytes(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (ReferenceRefusedException e) {
            throw new RasterException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static boolean isUrl(String location) {
        String lower = location.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static void closeQuietly(RasterSource layer) {
        if (layer instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing: the first error is the one to report
            }
        }
    }
}
