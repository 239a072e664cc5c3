package io.rgbunmix.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/** Downloads referenced inputs within the rules (a server's config/server.yaml, section references; --allow-url). */
public final class ReferenceFetcher {
    /** Cloud instance-metadata endpoints, whatever the allow-list says. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata",
            "169.254.169.254", "fd00:ec2::254", "100.100.100.200");

    private final ReferenceRules settings;
    private final HttpClient http;
    private final LongConsumer received;

    public ReferenceFetcher(ReferenceRules settings) {
        this(settings, bytes -> { });
    }

    /** The same, telling {@code received} of the bytes of each download (a server's metrics count them). */
    public ReferenceFetcher(ReferenceRules settings, LongConsumer received) {
        this.settings = settings;
        this.received = received;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(Math.min(10, settings.timeoutSeconds()))).build();
    }

    /** Checks a URL against every rule without fetching it. */
    public URI check(String href) throws ReferenceRefusedException {
        URI uri;
        try {
            uri = URI.create(href.trim());
        } catch (IllegalArgumentException e) {
            throw new ReferenceRefusedException("'" + href + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ReferenceRefusedException("only http and https references are accepted, not '" + href + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
        if (METADATA_HOSTS.contains(host)) {
            throw new ReferenceRefusedException("'" + href + "' names a cloud metadata address, which is never fetched");
        }
        List<String> allow = settings.allow();
        if (allow.isEmpty()) {
            throw new ReferenceRefusedException("references to other servers are disabled on this server "
                    + "(references.allow is empty); send the data inline");
        }
        if (allow.stream().noneMatch(prefix -> href.trim().startsWith(prefix))) {
            throw new ReferenceRefusedException("'" + href + "' is not on this server's allow-list of references");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                        || METADATA_HOSTS.contains(address.getHostAddress())) {
                    throw new ReferenceRefusedException("'" + href + "' resolves to " + address.getHostAddress()
                            + ", a link-local or metadata address, which is never fetched");
                }
            }
        } catch (UnknownHostException e) {
            throw new ReferenceRefusedException("cannot resolve the host of '" + href + "'");
        }
        return uri;
    }

    /**
     * Opens a remote file to be read in parts with range requests (a cloud-optimised GeoTIFF), under
     * the same rules as a fetch: the URL and every redirect checked, the bytes read in all capped.
     */
    public HttpRangeChannel openRanges(String href) throws ReferenceRefusedException, IOException {
        return new HttpRangeChannel(this, http, href.trim(), settings.maxBytes(),
                Duration.ofSeconds(settings.timeoutSeconds()));
    }

    /**
     * Whether {@code href} can be read in parts: its server answers a range request (after redirects
     * the rules accept). A URL the rules refuse, or that cannot be read at all, is refused here.
     */
    public boolean servesRanges(String href) throws ReferenceRefusedException {
        try (HttpRangeChannel probe = openRanges(href)) {
            return probe.size() >= 0;
        } catch (RangesNotServedException e) {
            return false;
        } catch (IOException e) {
            throw new ReferenceRefusedException(e.getMessage() != null && e.getMessage().contains(href.trim())
                    ? e.getMessage() : "cannot fetch '" + href + "'" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Fetches {@code href} into {@code target}: GET, or POST of {@code body} when given. Redirects are
     * not followed (they could leave the allow-list); the size cap applies while streaming, and the
     * time cap to the whole download, from the connection to the last byte.
     */
    public void fetch(String href, byte[] body, String contentType, Path target)
            throws ReferenceRefusedException, IOException {
        URI uri = check(href);
        Duration timeout = Duration.ofSeconds(settings.timeoutSeconds());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", contentType == null ? "text/xml" : contentType);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            HttpResponse<Long> response = Downloads.send(http, request.build(), info -> info.statusCode() / 100 == 2
                    ? Downloads.into(out, settings.maxBytes(), received -> tooLarge(href))
                    : Downloads.ignored(0L), timeout, tookLonger(href));
            if (response.statusCode() / 100 != 2) {
                throw new ReferenceRefusedException("'" + href + "' answered HTTP " + response.statusCode());
            }
            received.accept(response.body());
        } catch (IOException e) {
            String why = e.getMessage();
            throw new ReferenceRefusedException(why != null && why.startsWith("'" + href + "'") ? why
                    : "cannot fetch '" + href + "'" + (why == null ? "" : ": " + why));
        }
    }

    /** Counts bytes read in parts by a range channel. */
    void received(long bytes) {
        received.accept(bytes);
    }

    String tookLonger(String href) {
        return "'" + href + "' took longer than the " + settings.timeoutSeconds() + " s this server waits for a download";
    }

    String tooLarge(String href) {
        return "'" + href + "' is larger than the " + settings.maxBytes() + " bytes this server fetches";
    }
}
