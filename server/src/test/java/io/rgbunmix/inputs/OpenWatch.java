package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named pipe that counts the times anyone opens it for reading: a file the server must never open.
 * Opening a pipe for writing blocks until a reader opens it, so a thread that keeps opening it for
 * writing sees each reader; it writes nothing, so the reader gets an empty file and moves on.
 */
final class OpenWatch implements AutoCloseable {
    private final Path pipe;
    private final AtomicInteger opens = new AtomicInteger();
    private volatile boolean closing;
    private final Thread writer;

    OpenWatch(Path pipe) throws IOException, InterruptedException {
        this.pipe = pipe;
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + pipe);
        writer = new Thread(() -> {
            while (!closing) {
                try (FileOutputStream ignored = new FileOutputStream(pipe.toFile())) {
                    if (!closing) {
                        opens.incrementAndGet();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "open-watch " + pipe.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    Path path() {
        return pipe;
    }

    /** How many times it was opened so far. */
    int opens() {
        return opens.get();
    }

    /**
     * The same once every open so far is counted: the watching thread counts an open only after the reader's open
     * has returned, so a count read at once may miss the last one. Waits until the count stays the same for 200 ms.
     */
    int settledOpens() throws InterruptedException {
        int seen = opens.get();
        for (int quiet = 0; quiet < 4; ) {
            Thread.sleep(50);
            int now = opens.get();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        // the writer is blocked in open: a reader releases it (from a thread, in case it already left)
        Thread release = new Thread(() -> {
            try (FileInputStream ignored = new FileInputStream(pipe.toFile())) {
                // nothing to read
            } catch (IOException ignored) {
                // the pipe is gone: nothing to release
            }
        });
        release.setDaemon(true);
        release.start();
        writer.join(2000);
    }
}
