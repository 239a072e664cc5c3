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
 */
final class TiffStructure {
    /** More directories than any GeoTIFF has: beyond this the chain is taken for a loop. */
    private static final int MAX_DIRECTORIES = 10_000;
    /** More tags than a directory ever holds (a classic TIFF's count cannot exceed 65,535). */
    private static final long MAX_ENTRIES = 100_000;

    private TiffStructure() {
    }

    /** Returns quietly for a TIFF whose structure is sound, or for a file that is not a TIFF at all. */
    static void check(Path file, String name) throws RasterException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            check(channel, name);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The same check on any seekable channel (a remote file read in parts); leaves its position moved. */
    static void check(SeekableByteChannel channel, String name) throws RasterException {
        try {
            long size = channel.size();
            ByteBuffer header = read(channel, 0, 16, size);
            if (header == null) {
                return;   // too short for a TIFF: the reader says what it is not
            }
            if (header.get(0) == 'I' && header.get(1) == 'I') {
                header.order(ByteOrder.LITTLE_ENDIAN);
            } else if (header.get(0) == 'M' && header.get(1) == 'M') {
                header.order(ByteOrder.BIG_ENDIAN);
            } else {
                return;
            }
            int magic = Short.toUnsignedInt(header.getShort(2));
            boolean big = magic == 43;
            if (magic != 42 && !big) {
                return;
            }
            long next = big ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
            Set<Long> seen = new HashSet<>();
            while (next != 0) {
                if (!seen.add(next) || seen.size() > MAX_DIRECTORIES) {
                    throw damaged(name, "its directories form a loop");
                }
                next = directory(channel, next, size, header.order(), big, name);
            }
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks one directory; returns the offset of the next (0 at the end). */
    private static long directory(SeekableByteChannel channel, long offset, long size, ByteOrder order, boolean big, String name)
            throws IOException, RasterException {
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
            if (bytes > offsetBytes) {
                long valuesAt = big ? table.getLong(at + 12) : Integer.toUnsignedLong(table.getInt(at + 8));
                if (valuesAt < 0 || valuesAt + bytes > size) {
                    throw damaged(name, "the values of tag " + Short.toUnsignedInt(table.getShort(at))
                            + " lie beyond the end of the file");
                }
            }
        }
        long nextAt = entries * entryBytes;
        return big ? table.getLong((int) nextAt) : Integer.toUnsignedLong(table.getInt((int) nextAt));
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
