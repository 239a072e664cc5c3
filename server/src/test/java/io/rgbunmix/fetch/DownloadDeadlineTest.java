package io.rgbunmix.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference timeout bounds a download whole, not only the wait for its headers: servers that
 * drip their body a byte a second, or send one byte and stall, are given up at the deadline, for a
 * fetch and for each range request of a remote GeoTIFF.
 */
class DownloadDeadlineTest {
    private static final long TIMEOUT_SECONDS = 2;

    @TempDir
    Path temp;
    private ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /**
     * How the test server answers: its status line and headers, then {@code bytes} of body, a byte
     * each {@code pauseMillis} (all at once when 0), then nothing.
     */
    private void serve(String head, int bytes, long pauseMillis) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!listener.isClosed()) {
                Socket socket = listener.accept();
                threads.submit(() -> {
                    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        readHead(in);
                        out.write(head.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (pauseMillis == 0) {
                            out.write(new byte[bytes]);
                        }
                        for (int i = 0; pauseMillis > 0 && i < bytes; i++) {
                            out.write('x');
                            out.flush();
                            Thread.sleep(pauseMillis);
                        }
                        Thread.sleep(60_000);
                    }
                    return null;
                });
            }
            return null;
        });
    }

    private static void readHead(InputStream in) throws IOException {
        int ends = 0;
        while (ends < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            ends = (b == '\r' || b == '\n') ? ends + 1 : 0;
        }
    }

    private String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/scene.tif";
    }

    private ReferenceFetcher fetcher() {
        return new ReferenceFetcher(new ReferenceRules(List.of("http://127.0.0.1:"), 1L << 20, TIMEOUT_SECONDS));
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        if (listener != null) {
            listener.close();
        }
    }

    /** Runs {@code download}, which must fail in words between the timeout and a little after it. */
    private static void givenUpAtTheDeadline(Download download) {
        long start = System.nanoTime();
        // preemptively: without a deadline on the body, the download would hang for the body's 1000 s
        Exception e = assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS + 5),
                () -> assertThrows(Exception.class, download::run));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= TIMEOUT_SECONDS - 0.1 && seconds < TIMEOUT_SECONDS + 3, "given up after " + seconds + " s");
        assertTrue(e.getMessage().contains("took longer than the 2 s"), e.getMessage());
    }

    @FunctionalInterface
    private interface Download {
        void run() throws Exception;
    }

    @BeforeEach
    void noListenerYet() {
        listener = null;
    }

    @Test
    void aFetchWhoseBodyDripsIsGivenUpAtTheDeadline() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 1000, 1000);
        givenUpAtTheDeadline(() -> fetcher().fetch(url(), null, null, temp.resolve("drip.tif")));
    }

    @Test
    void aFetchThatSendsOneByteAndStallsIsGivenUpAtTheDeadline() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 1, 0);
        givenUpAtTheDeadline(() -> fetcher().fetch(url(), null, null, temp.resolve("stall.tif")));
    }

    @Test
    void aRangeRequestWhoseBodyDripsIsGivenUpAtTheDeadline() throws Exception {
        serve("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-999/5000\r\nContent-Length: 1000\r\n\r\n", 1000,
                1000);
        givenUpAtTheDeadline(() -> fetcher().openRanges(url()).close());
    }

    @Test
    void aRangeRequestThatStallsAfterItsHeadersIsGivenUpAtTheDeadline() throws Exception {
        serve("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-999/5000\r\nContent-Length: 1000\r\n\r\n", 1, 0);
        givenUpAtTheDeadline(() -> fetcher().openRanges(url()).close());
    }

    @Test
    void aFetchLargerThanTheCapIsRefusedWhileItStreams() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n", 3_000_000, 0);
        ReferenceRefusedException e = assertThrows(ReferenceRefusedException.class,
                () -> fetcher().fetch(url(), null, null, temp.resolve("big.tif")));
        assertEquals("'" + url() + "' is larger than the 1048576 bytes this server fetches", e.getMessage());
    }
}
