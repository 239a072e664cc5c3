package io.rgbunmix.inputs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static file server that answers single HTTP range requests, as object stores do, and counts the
 * bytes it sends; paths in {@code redirects} answer 302 to their target instead, and files under
 * {@code whole/} are always sent whole, as by a server that ignores ranges.
 */
public final class RangeServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)?");

    private final HttpServer server;
    private final Path root;
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final Map<String, String> redirects = new ConcurrentHashMap<>();

    public RangeServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath().substring(1);
            if (redirects.containsKey(path)) {
                exchange.getResponseHeaders().set("Location", redirects.get(path));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            Path file = root.resolve(path);
            if (path.contains("..") || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String range = exchange.getRequestHeaders().getFirst("Range");
            int first = 0;
            int last = bytes.length - 1;
            int status = 200;
            if (range != null && !path.startsWith("whole/")) {
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    first = Integer.parseInt(m.group(1));
                    last = m.group(2) == null ? last : Math.min(last, Integer.parseInt(m.group(2)));
                    status = 206;
                    exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
                }
            }
            int length = last - first + 1;
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, first, length);
            }
            bytesSent.addAndGet(length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
