package io.rgbunmix.files;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.GeoJsonFeatures;
import io.rgbunmix.ancillary.GmlFeatures;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads ancillary features by what the bytes hold, not by a file's name or a declared media type: GML when the
 * document starts with an element, GeoJSON otherwise (whose reader also takes UTF-16 and UTF-32, and says what is
 * wrong with text that is neither).
 */
public final class FeatureFiles {
    /** Enough for a byte-order mark and the blank lines before a document's first character. */
    private static final int PROBE = 4096;

    private FeatureFiles() {
    }

    /**
     * The features of a GeoJSON FeatureCollection or Feature, or of a GML feature collection (WFS 1.0 or 1.1).
     *
     * @throws IllegalArgumentException when the document is neither, with what is wrong in words
     */
    public static FeatureCollection read(InputStream bytes) throws IOException {
        InputStream in = bytes.markSupported() ? bytes : new BufferedInputStream(bytes, PROBE);
        in.mark(PROBE);
        boolean xml = startsWithMarkup(in);
        in.reset();
        return xml ? GmlFeatures.read(in) : GeoJsonFeatures.read(in);
    }

    /** Whether the first character after a UTF-8 byte-order mark and white space is '<'. */
    private static boolean startsWithMarkup(InputStream in) throws IOException {
        byte[] head = in.readNBytes(PROBE);
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }
}
