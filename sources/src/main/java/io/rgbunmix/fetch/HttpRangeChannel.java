package io.rgbunmix.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote file read with HTTP range requests, block by block, so that a reader of a cloud-optimised
 * GeoTIFF asks only for its header and the tiles it decodes. Every URL asked, redirects included, is
 * checked against the reference rules first; the bytes asked in all are capped like a fetch.
 * Not thread-safe: one reader at a time.
 */
public final class HttpRangeChannel implements SeekableByteChannel {
    /** Large enough that a 512 x 512 DEFLATE tile is one or two requests, small enough to waste little. */
    static final int BLOCK = 256 * 1024;
    /** Blocks kept: a strip of a 10980-wide COG spans 22 tiles. */
    private static final int CACHED_BLOCKS = 64;
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private final ReferenceFetcher rules;
    private final HttpClient http;
    private final String href;
    private final long maxBytes;
    private final Duration timeout;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };
    private URI location;
    private long size = -1;
    private long position;
    private long bytesReceived;
    private int requests;
    private boolean open = true;

    HttpRangeChannel(ReferenceFetcher rules, HttpClient http, String href, long maxBytes, Duration timeout)
            throws ReferenceRefusedException, IOException {
        this.rules = rules;
        this.http = http;
        this.href = href;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.location = rules.check(href);
        block(0);   // learns the size, and that ranges are served
    }

    /** Bytes received from the server so far, headers excluded. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Range requests made so far. */
    public int requests() {
        return requests;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int copied = 0;
        while (target.hasRemaining() && position < size) {
            long index = position / BLOCK;
            byte[] block = block(index);
            int offset = (int) (position - index * BLOCK);
            int n = Math.min(target.remaining(), block.length - offset);
            if (n <= 0) {
                break;
            }
            target.put(block, offset, n);
            position += n;
            copied += n;
        }
        return copied;
    }

    private byte[] block(long index) throws IOException {
        byte[] block = blocks.get(index);
        if (block == null) {
            long first = index * BLOCK;
            long last = size < 0 ? first + BLOCK - 1 : Math.min(size, first + BLOCK) - 1;
            block = get(first, last);
            blocks.put(index, block);
        }
        return block;
    }

    /**
     * One range request, following redirects only to URLs the rules accept. Each request is bounded
     * as a whole by the timeout, so a server that drips or stalls a range fails the read.
     */
    private byte[] get(long first, long last) throws IOException {
        for (int redirects = 0; ; redirects++) {
            HttpRequest request = HttpRequest.newBuilder(location).timeout(timeout)
                    .header("Range", "bytes=" + first + "-" + last).GET().build();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Answered[] range = {null};
            HttpResponse<Long> response = Downloads.send(http, request, info -> {
                range[0] = info.statusCode() == 206 ? Answered.parse(info.headers(), first, last) : null;
                return range[0] == null || bytesReceived + range[0].length() > maxBytes ? Downloads.ignored(0L)
                        : Downloads.into(bytes, range[0].length(), received -> "'" + href
                                + "' sent more than the range it announced");
            }, timeout, rules.tookLonger(href));
            requests++;
            int status = response.statusCode();
            if (status / 100 == 3) {
                Optional<String> target = response.headers().firstValue("Location");
                if (target.isEmpty() || redirects >= MAX_REDIRECTS) {
                    throw new IOException("'" + href + "' redirects " + (target.isEmpty() ? "nowhere" : "too often"));
                }
                try {
                    location = rules.check(location.resolve(target.get()).toString());
                } catch (ReferenceRefusedException e) {
                    throw new IOException("'" + href + "' redirects to a URL that is refused: " + e.getMessage(), e);
                }
                continue;
            }
            if (status == 200) {
                throw new RangesNotServedException("'" + href + "' does not answer HTTP range requests (it sent the whole "
                        + "file), so it cannot be read in parts; download it and give the file instead");
            }
            if (status != 206) {
                throw new IOException("'" + href + "' answered HTTP " + status);
            }
            if (range[0] == null) {
                throw new IOException("'" + href + "' answered a range request without a usable Content-Range");
            }
            if (bytesReceived + range[0].length() > maxBytes) {
                throw new IOException("reading '" + href + "' would take more than the " + maxBytes
                        + " bytes this server reads from one reference");
            }
            if (bytes.size() != range[0].length()) {
                throw new IOException("'" + href + "' ended before the range it announced");
            }
            size = range[0].fileSize();
            bytesReceived += bytes.size();
            rules.received(bytes.size());
            return bytes.toByteArray();
        }
    }

    /** What a 206 answer's Content-Range announces: the bytes of this range, and the file's size. */
    private record Answered(long length, long fileSize) {
        /** Null when the header is missing, malformed, or not the range asked ({@code first}..{@code last}). */
        static Answered parse(HttpHeaders headers, long first, long last) {
            Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
            if (!range.matches() || range.group(3).equals("*")) {
                return null;
            }
            try {
                long start = Long.parseLong(range.group(1));
                long end = Long.parseLong(range.group(2));
                long total = Long.parseLong(range.group(3));
                return start == first && end >= start && end <= last && end < total ? new Answered(end - start + 1, total)
                        : null;
            } catch (NumberFormatException tooManyDigits) {
                return null;
            }
        }
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        blocks.clear();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
