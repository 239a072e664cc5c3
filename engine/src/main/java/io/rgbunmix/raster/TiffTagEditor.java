package io.rgbunmix.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Reads and rewrites tags of the first directory (IFD) of a classic TIFF.
 * Apache SIS 1.6 writes a correct GeoTIFF but offers no way to add GDAL's own tags (band
 * descriptions, no-data) and marks three-band float images as RGB; this fixes that after
 * the fact. The new directory and its values are appended and the header pointed at them;
 * pixel data and untouched values stay where they are.
 */
public final class TiffTagEditor {
    /** GDAL's XML metadata tag: band descriptions, units. */
    public static final int GDAL_METADATA = 42112;
    /** GDAL's no-data tag: the value as ASCII text. */
    public static final int GDAL_NODATA = 42113;
    private static final short SHORT = 3;
    private static final short ASCII = 2;

    private record Entry(short type, int count, byte[] value) {
    }

    private final Path file;
    private final Map<Integer, Entry> entries = new TreeMap<>();
    private ByteOrder order;
    private int nextDirectory;

    public TiffTagEditor(Path file) throws IOException {
        this.file = file;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 8);
            order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            header.order(order);
            if (header.getShort(2) != 42) {
                throw new IOException(file + ": not a classic TIFF (BigTIFF is not edited)");
            }
            long directory = Integer.toUnsignedLong(header.getInt(4));
            int count = Short.toUnsignedInt(read(channel, directory, 2).order(order).getShort(0));
            ByteBuffer table = read(channel, directory + 2, count * 12 + 4).order(order);
            for (int i = 0; i < count; i++) {
                int base = i * 12;
                byte[] value = new byte[4];
                table.get(base + 8, value);
                entries.put(Short.toUnsignedInt(table.getShort(base)),
                        new Entry(table.getShort(base + 2), table.getInt(base + 4), value));
            }
            nextDirectory = table.getInt(count * 12);
        }
    }

    /** The text of an ASCII tag of the first directory, if present. */
    public Optional<String> ascii(int tag) throws IOException {
        Entry entry = entries.get(tag);
        if (entry == null || entry.type() != ASCII) {
            return Optional.empty();
        }
        byte[] bytes = entry.value();
        if (entry.count() > 4) {
            long offset = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).order(order).getInt());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                bytes = read(channel, offset, entry.count()).array();
            }
        }
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return Optional.of(new String(bytes, 0, length, StandardCharsets.US_ASCII));
    }

    /** The first value of a SHORT tag, if present. */
    public OptionalInt firstShort(int tag) {
        Entry entry = entries.get(tag);
        return entry == null || entry.type() != SHORT ? OptionalInt.empty()
                : OptionalInt.of(Short.toUnsignedInt(ByteBuffer.wrap(entry.value()).order(order).getShort()));
    }

    public void setShorts(int tag, int... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 2).order(order);
        for (int v : values) {
            data.putShort((short) v);
        }
        entries.put(tag, new Entry(SHORT, values.length, data.array()));
    }

    public void setAscii(int tag, String text) {
        byte[] bytes = (text + '\0').getBytes(StandardCharsets.US_ASCII);
        entries.put(tag, new Entry(ASCII, bytes.length, bytes));
    }

    /** Appends the values that do not fit in 4 bytes, then the directory, then repoints the header. */
    public void save() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = align(channel.size());
            ByteBuffer table = ByteBuffer.allocate(2 + entries.size() * 12 + 4).order(order);
            table.putShort((short) entries.size());
            for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                table.putShort(e.getKey().shortValue()).putShort(entry.type()).putInt(entry.count());
                if (entry.value().length <= 4) {
                    table.put(Arrays.copyOf(entry.value(), 4));
                } else {
                    channel.write(ByteBuffer.wrap(entry.value()), end);
                    table.putInt((int) end);
                    end = align(end + entry.value().length);
                }
            }
            table.putInt(nextDirectory).flip();
            long directory = end;
            channel.write(table, directory);
            ByteBuffer pointer = ByteBuffer.allocate(4).order(order).putInt((int) directory).flip();
            channel.write(pointer, 4);
        }
    }

    private static long align(long offset) {
        return (offset + 1) & ~1L;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("truncated TIFF");
            }
        }
        return buffer;
    }
}
