package io.rgbunmix.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * A guard run before Apache SIS opens a client's TIFF: every directory (IFD) and every tag's values
 * must lie inside the file. A few bytes that declare a tag of a billion values would otherwise make
 * the reader allocate for them (OutOfMemoryError), which no request may cause. Classic and BigTIFF.
 * While it walks the first directory it notes how its samples are stored, which tells the raster's
 * sample type without decoding a tile.
 */
final class TiffStructure {
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int SAMPLE_FORMAT = 339;
    private static final int SHORT = 3;
    private static final int LONG = 4;

    /** More directories than any GeoTIFF has: beyond this the chain is taken for a loop. */
    private static final int MAX_DIRECTORIES = 10_000;
    /** More tags than a directory ever holds (a classic TIFF's count cannot exceed 65,535). */
    private static final long MAX_ENTRIES = 100_000;

    private TiffStructure() {
    }

    /**
     * How the first image's samples are stored: bits per sample and TIFF SampleFormat (1 unsigned integer, 2 signed
     * integer, 3 floating point; 1 where the tag is absent), each the same for every band, or 0 where the bands
     * differ or the tag is not a list of SHORTs.
     */
    record SampleLayout(int bitsPerSample, int sampleFormat) {
        static final SampleLayout UNKNOWN = new SampleLayout(0, 0);
    }

    /**
     * Refuses a TIFF whose structure is not sound. Otherwise says how its first image's samples are stored:
     * {@link SampleLayout#UNKNOWN} where the tags do not say it plainly, and for a file that is not a TIFF at all.
     */
    static SampleLayout check(Path file, String name) throws RasterException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return check(channel, name);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The same check on any seekable channel (a remote file read in parts); leaves its position moved. */
    static SampleLayout check(SeekableByteChannel channel, String name) throws RasterException {
        try {
            long size = channel.size();
            ByteBuffer header = read(channel, 0, 16, size);
            if (header == null) {
                return SampleLayout.UNKNOWN;   // too short for a TIFF: the reader says what it is not
            }
            if (header.get(0) == 'I' && header.get(1) == 'I') {
                header.order(ByteOrder.LITTLE_ENDIAN);
            } else if (header.get(0) == 'M' && header.get(1) == 'M') {
                header.order(ByteOrder.BIG_ENDIAN);
            } else {
                return SampleLayout.UNKNOWN;
            }
            int magic = Short.toUnsignedInt(header.getShort(2));
            boolean big = magic == 43;
            if (magic != 42 && !big) {
                return SampleLayout.UNKNOWN;
            }
            long next = big ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
            Set<Long> seen = new HashSet<>();
            int[] first = {0, 1, 0};   // bits per sample, sample format and subfile type of the first directory
            while (next != 0) {
                if (!seen.add(next) || seen.size() > MAX_DIRECTORIES) {
                    throw damaged(name, "its directories form a loop");
                }
                next = directory(channel, next, size, header.order(), big, name, seen.size() == 1 ? first : null);
            }
            // a first directory that is not a full-resolution image (a thumbnail, a mask) is not the image SIS reads
            return first[0] > 0 && first[1] > 0 && first[2] == 0 ? new SampleLayout(first[0], first[1])
                    : SampleLayout.UNKNOWN;
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks one directory; returns the offset of the next (0 at the end). Where {@code layout} is given, its bits per
     * sample and sample format are set from the directory's tags (0 for one that is not the same for every band), and
     * its subfile type (-1 for one not read).
     */
    private static long directory(SeekableByteChannel channel, long offset, long size, ByteOrder order, boolean big,
                                  String name, int[] layout) throws IOException, RasterException {
        int countBytes = big ? 8 : 2;
        int entryBytes = big ? 20 : 12;
        int offsetBytes = big ? 8 : 4;
        ByteBuffer count = read(channel, offset, countBytes, size);
        if (count == null) {
            throw damaged(name, "a directory lies beyond the end of the file");
        }
        count.order(order);
        long entries = big ? count.getLong(0) : Short.toUnsignedInt(count.getShort(0));
        if (entries < 0 || entries > MAX_ENTRIES) {
            throw damaged(name, "a directory declares " + entries + " tags");
        }
        long length = entries * entryBytes + offsetBytes;
        if (offset + countBytes + length > size) {
            throw damaged(name, "a directory lies beyond the end of the file");
        }
        ByteBuffer table = read(channel, offset + countBytes, (int) length, size).order(order);
        for (int i = 0; i < entries; i++) {
            int at = i * entryBytes;
            long values = big ? table.getLong(at + 4) : Integer.toUnsignedLong(table.getInt(at + 4));
            long bytes = values * typeSize(Short.toUnsignedInt(table.getShort(at + 2)));
            if (values < 0 || bytes < 0 || bytes > size) {
                throw damaged(name, "tag " + Short.toUnsignedInt(table.getShort(at)) + " declares more values than "
                        + "the file holds");
            }
            long valuesAt = offset + countBytes + at + (big ? 12 : 8);   // inline
            if (bytes > offsetBytes) {
                valuesAt = big ? table.getLong(at + 12) : Integer.toUnsignedLong(table.getInt(at + 8));
                if (valuesAt < 0 || valuesAt + bytes > size) {
                    throw damaged(name, "the values of tag " + Short.toUnsignedInt(table.getShort(at))
                            + " lie beyond the end of the file");
                }
            }
            int tag = Short.toUnsignedInt(table.getShort(at));
            if (layout != null && (tag == BITS_PER_SAMPLE || tag == SAMPLE_FORMAT)) {
                boolean shorts = Short.toUnsignedInt(table.getShort(at + 2)) == SHORT && values > 0 && values <= 0xFFFF;
                layout[tag == BITS_PER_SAMPLE ? 0 : 1] = shorts
                        ? sameForEveryBand(read(channel, valuesAt, (int) bytes, size).order(order), (int) values) : 0;
            }
            if (layout != null && tag == NEW_SUBFILE_TYPE) {
                layout[2] = values == 1 && Short.toUnsignedInt(table.getShort(at + 2)) == LONG
                        ? table.getInt(at + (big ? 12 : 8)) : -1;
            }
        }
        long nextAt = entries * entryBytes;
        return big ? table.getLong((int) nextAt) : Integer.toUnsignedLong(table.getInt((int) nextAt));
    }

    /** The one value of a list of SHORTs, or 0 where they differ. */
    private static int sameForEveryBand(ByteBuffer shorts, int count) {
        int first = Short.toUnsignedInt(shorts.getShort(0));
        for (int i = 1; i < count; i++) {
            if (Short.toUnsignedInt(shorts.getShort(2 * i)) != first) {
                return 0;
            }
        }
        return first;
    }

    /** Bytes per value of a TIFF field type; 1 for types this guard does not know (the reader decides). */
    private static int typeSize(int type) {
        return switch (type) {
            case 3, 8 -> 2;           // SHORT, SSHORT
            case 4, 9, 11, 13 -> 4;   // LONG, SLONG, FLOAT, IFD
            case 5, 10, 12, 16, 17, 18 -> 8;   // RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8, IFD8
            default -> 1;             // BYTE, ASCII, SBYTE, UNDEFINED, unknown
        };
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length, long size) throws IOException {
        if (position < 0 || position + length > size) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return null;
            }
        }
        return buffer;
    }

    private static RasterException damaged(String name, String why) {
        return new RasterException(name + ": the TIFF is damaged: " + why);
    }
}
