package io.rgbunmix.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Request bodies copied to files as they arrive, so that none is held whole in memory, within the
 * server's size limit. A body is refused, with nothing left on disk, when it is larger than the limit
 * (from its Content-Length at once, before any 100 Continue, or while it streams), or when it cannot
 * be read to its end: a client that closes before its declared length, or a malformed chunked coding.
 */
public final class RequestBodies {
    private final Path folder;
    private final long maxBytes;

    public RequestBodies(Path folder, long maxBytes) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.maxBytes = maxBytes;
    }

    /** Why a body was not spooled: 413 (too large) or 400 (unreadable), in words for the client. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 413 or 400. */
        public int status() {
            return status;
        }
    }

    /** The largest body accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Copies {@code ctx}'s body to a new file, which the caller deletes when the request ends. */
    public Path spool(Context ctx) throws Refused, IOException {
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge(ctx);
        }
        Path file = Files.createTempFile(folder, "request-", ".body");
        try (OutputStream out = Files.newOutputStream(file)) {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = read(in, buffer); n > 0; n = read(in, buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(ctx);
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (Refused | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** One read of the body; what Jetty throws for a body cut short or badly chunked becomes a refusal. */
    private static int read(InputStream in, byte[] buffer) throws Refused {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw new Refused(400, "the request body could not be read to its end: the client closed the connection "
                    + "before the length it declared, or its chunked transfer coding is malformed");
        }
    }

    private Refused tooLarge(Context ctx) {
        // the rest of the body is not wanted: closing spares reading it (and a 100 Continue is never sent)
        ctx.header("Connection", "close");
        return new Refused(413, "the request is larger than the " + maxBytes + " bytes this server accepts");
    }
}
