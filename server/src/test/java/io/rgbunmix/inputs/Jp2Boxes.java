package io.rgbunmix.inputs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Rewrites the XML boxes of a JP2 file (ISO 15444-1 boxes: a 4-byte length, a 4-byte type, the
 * content), inside association boxes too, and fixes every length on the way: how a test gives a
 * JPEG 2000 a GML box that GDAL's writer would not make.
 */
final class Jp2Boxes {
    private Jp2Boxes() {
    }

    static byte[] editXml(byte[] file, UnaryOperator<String> edit) {
        return boxes(ByteBuffer.wrap(file), edit);
    }

    private static byte[] boxes(ByteBuffer in, UnaryOperator<String> edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (in.remaining() >= 8) {
            int start = in.position();
            long length = in.getInt() & 0xFFFFFFFFL;
            String type = new String(new byte[] {in.get(), in.get(), in.get(), in.get()}, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (length == 1) {
                length = in.getLong();
                header = 16;
            } else if (length == 0) {
                length = in.limit() - start;
            }
            byte[] content = new byte[(int) length - header];
            in.get(content);
            byte[] rewritten = switch (type) {
                case "asoc" -> boxes(ByteBuffer.wrap(content), edit);
                case "xml " -> edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                default -> content;
            };
            out.writeBytes(ByteBuffer.allocate(8).putInt(rewritten.length + 8).put(type.getBytes(StandardCharsets.ISO_8859_1))
                    .array());
            out.writeBytes(rewritten);
        }
        return out.toByteArray();
    }
}
