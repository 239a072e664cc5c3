package io.rgbunmix.binding;

import io.rgbunmix.processes.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip's files into one flat folder, refusing what could escape it or exhaust the disk:
 * entries whose names climb out ("..", absolute paths), more than {@code maxEntries} files, more
 * than {@code maxBytes} in all (counted as they are decompressed, whatever the headers claim),
 * names no file can have (too long, control characters) and two files with the same name. Refusals are InputExceptions located at {@code input}.
 */
public final class SafeUnzip {
    /** The longest file name Linux file systems take (NAME_MAX), in bytes. */
    private static final int MAX_NAME_BYTES = 255;
    private SafeUnzip() {
    }

    /** Checks the zip without writing anything; returns the file names it holds. */
    public static List<String> inspect(Path zip, String input, int maxEntries, long maxBytes) throws IOException, InputException {
        return walk(zip, null, input, maxEntries, maxBytes).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Extracts the zip's files into {@code folder}; returns them. */
    public static List<Path> extract(Path zip, Path folder, String input, int maxEntries, long maxBytes)
            throws IOException, InputException {
        return walk(zip, Files.createDirectories(folder), input, maxEntries, maxBytes);
    }

    private static List<Path> walk(Path zip, Path folder, String input, int maxEntries, long maxBytes)
            throws IOException, InputException {
        List<Path> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        Path base = folder != null ? folder : Path.of("zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().replace('\\', '/');
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || List.of(name.split("/")).contains("..")) {
                    throw refuse(input, "zip entry '" + shown(entry.getName()) + "' points outside the archive");
                }
                if (entry.isDirectory() || name.endsWith("/")) {
                    continue;
                }
                if (files.size() >= maxEntries) {
                    throw refuse(input, "the zip holds more than " + maxEntries + " files");
                }
                String fileName = name.substring(name.lastIndexOf('/') + 1);
                if (fileName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                        || fileName.chars().anyMatch(Character::isISOControl)) {
                    throw refuse(input, "zip entry '" + shown(name) + "' has a name no file can have here (longer than "
                            + MAX_NAME_BYTES + " bytes, or holding control characters)");
                }
                if (!names.add(fileName)) {
                    throw refuse(input, "the zip holds two files named '" + shown(fileName) + "'");
                }
                Path target = base.resolve(fileName);
                try (OutputStream out = folder != null ? Files.newOutputStream(target) : OutputStream.nullOutputStream()) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        total += n;
                        if (total > maxBytes) {
                            throw refuse(input, "the zip expands to more than " + maxBytes + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                files.add(target);
            }
        } catch (ZipException e) {
            throw refuse(input, "not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw refuse(input, "the zip holds no file");
        }
        return files;
    }

    /** An entry's name as a message may quote it: control characters as '?', at most 80 characters. */
    private static String shown(String name) {
        String printable = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }

    private static InputException refuse(String input, String message) {
        return new InputException(InputException.INVALID, input, message);
    }
}
