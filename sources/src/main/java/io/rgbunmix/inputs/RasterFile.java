package io.rgbunmix.inputs;

import java.nio.file.Path;

/**
 * A raster file on this machine and the media type its sender declared.
 *
 * @param path      where its bytes lie
 * @param mediaType what a client declared it to be (e.g. image/jp2): it is read as that kind or refused;
 *                  null for the user's own file, whose kind is read from its bytes
 */
public record RasterFile(Path path, String mediaType) {
    /** The user's own file, named on the command line. */
    public static RasterFile own(Path path) {
        return path == null ? null : new RasterFile(path, null);
    }
}
