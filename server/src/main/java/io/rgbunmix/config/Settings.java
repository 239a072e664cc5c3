package io.rgbunmix.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rgbunmix.binding.ZippedWindows;
import io.rgbunmix.fetch.ReferenceRules;
import io.rgbunmix.jobs.JobLimits;
import io.rgbunmix.quality.Composite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of {@code config/server.yaml}. A missing file or a missing key means the default;
 * an unknown key is an error, so that a typo does not silently leave a default in force.
 */
public record Settings(Engine engine, Server server, Jobs jobs, Limits limits, References references, WebMap map,
                       Logging logging, Auth auth) {
    /** Settings without users: no {@code auth} section (at most the server's shared token). */
    public Settings(Engine engine, Server server, Jobs jobs, Limits limits, References references, WebMap map,
                    Logging logging) {
        this(engine, server, jobs, limits, references, map, logging, null);
    }

    /** Settings without a {@code map} section (the results map has no tile layer). */
    public Settings(Engine engine, Server server, Jobs jobs, Limits limits, References references) {
        this(engine, server, jobs, limits, references, null, null);
    }

    /** Settings with the default logs. */
    public Settings(Engine engine, Server server, Jobs jobs, Limits limits, References references, WebMap map) {
        this(engine, server, jobs, limits, references, map, null);
    }

    /**
     * How models are found and run.
     *
     * @param models    folder of models; relative paths are resolved against the installation folder
     *                  (the parent of the settings file's folder)
     * @param batchSize windows per inference batch
     * @param threads   ONNX Runtime intra-op threads, 0 = one per core
     */
    public record Engine(String models, Integer batchSize, Integer threads, Integer inferenceThreads) {
        static final Engine DEFAULT = new Engine("../models", 16, 1, 0);

        Engine orDefaults() {
            return new Engine(or(models, DEFAULT.models), or(batchSize, DEFAULT.batchSize), or(threads, DEFAULT.threads),
                    or(inferenceThreads, DEFAULT.inferenceThreads));
        }
    }

    /**
     * The HTTP server.
     *
     * @param host            address to bind; 127.0.0.1 unless the operator opens it
     * @param port            TCP port
     * @param workDir         where jobs keep their status and results (relative: to the installation)
     * @param maxRequestBytes largest request body accepted
     * @param token           bearer token required for Execute and job operations; empty: none
     */
    public record Server(String host, Integer port, String workDir, Long maxRequestBytes, String token,
                         Integer shutdownGraceSeconds) {
        private static final int DEFAULT_GRACE_SECONDS = 30;
        static final Server DEFAULT = new Server("127.0.0.1", 8080, "../work", 200L * 1024 * 1024, "",
                DEFAULT_GRACE_SECONDS);

        /** The server's settings with the default grace at a stop. */
        public Server(String host, Integer port, String workDir, Long maxRequestBytes, String token) {
            this(host, port, workDir, maxRequestBytes, token, DEFAULT_GRACE_SECONDS);
        }

        Server orDefaults() {
            return new Server(or(host, DEFAULT.host), or(port, DEFAULT.port), or(workDir, DEFAULT.workDir),
                    or(maxRequestBytes, DEFAULT.maxRequestBytes), or(token, DEFAULT.token),
                    or(shutdownGraceSeconds, DEFAULT.shutdownGraceSeconds));
        }
    }

    /**
     * Largest work a request may ask for, checked before heavy work starts.
     *
     * @param maxZipEntries  files in a zip input
     * @param maxUnzipBytes  bytes a zip input may expand to (counted while extracting, not from its headers)
     * @param maxAncillaryBytes bytes of one ancillary feature collection (GeoJSON or GML): it is parsed whole,
     *                       and takes some 15 times its size in memory while it is
     */
    public record Limits(Long maxRasterPixels, Long maxWindows, Integer maxZipEntries, Long maxUnzipBytes,
                         Long maxAncillaryBytes, Integer maxDates) {
        private static final int DEFAULT_MAX_DATES = 12;
        static final Limits DEFAULT = new Limits(400_000_000L, 200_000L,
                ZippedWindows.DEFAULT.maxEntries(), ZippedWindows.DEFAULT.maxBytes(), 64L << 20, DEFAULT_MAX_DATES);

        public Limits {
            if (maxDates != null && (maxDates < 1 || maxDates > Composite.MAX_DATES)) {
                throw new IllegalArgumentException("limits.maxDates must be between 1 and " + Composite.MAX_DATES
                        + ", got " + maxDates);
            }
        }

        /** The limits but the dates: {@code maxDates} as the default. */
        public Limits(Long maxRasterPixels, Long maxWindows, Integer maxZipEntries, Long maxUnzipBytes,
                      Long maxAncillaryBytes) {
            this(maxRasterPixels, maxWindows, maxZipEntries, maxUnzipBytes, maxAncillaryBytes, DEFAULT_MAX_DATES);
        }

        Limits orDefaults() {
            return new Limits(or(maxRasterPixels, DEFAULT.maxRasterPixels), or(maxWindows, DEFAULT.maxWindows),
                    or(maxZipEntries, DEFAULT.maxZipEntries), or(maxUnzipBytes, DEFAULT.maxUnzipBytes),
                    or(maxAncillaryBytes, DEFAULT.maxAncillaryBytes), or(maxDates, DEFAULT.maxDates));
        }
    }

    /** Job pools and times (see {@link JobLimits}); times in seconds, expiry in hours. */
    public record Jobs(Integer syncThreads, Integer asyncThreads, Integer queue, Long syncTimeoutSeconds,
                       Long asyncTimeoutSeconds, Double expiryHours) {
        static final Jobs DEFAULT = new Jobs(10, 10, 20, 600L, 14400L, 24.0);

        Jobs orDefaults() {
            return new Jobs(or(syncThreads, DEFAULT.syncThreads), or(asyncThreads, DEFAULT.asyncThreads),
                    or(queue, DEFAULT.queue), or(syncTimeoutSeconds, DEFAULT.syncTimeoutSeconds),
                    or(asyncTimeoutSeconds, DEFAULT.asyncTimeoutSeconds), or(expiryHours, DEFAULT.expiryHours));
        }

        public JobLimits limits() {
            return new JobLimits(syncThreads, asyncThreads, queue, Duration.ofSeconds(syncTimeoutSeconds),
                    Duration.ofSeconds(asyncTimeoutSeconds), Duration.ofSeconds(Math.round(expiryHours * 3600)));
        }
    }

    /**
     * Remote data a request may name by reference (wps:Reference, OGC API href).
     *
     * @param allow          URL prefixes that may be fetched; empty: references to other servers are off
     * @param maxBytes       largest download
     * @param timeoutSeconds longest download
     */
    public record References(List<String> allow, Long maxBytes, Long timeoutSeconds) {
        static final References DEFAULT = new References(List.of(), 200L * 1024 * 1024, 60L);

        /** The rules the fetcher applies. */
        public ReferenceRules rules() {
            return new ReferenceRules(allow, maxBytes, timeoutSeconds);
        }

        References orDefaults() {
            return new References(allow == null ? DEFAULT.allow : List.copyOf(allow),
                    or(maxBytes, DEFAULT.maxBytes), or(timeoutSeconds, DEFAULT.timeoutSeconds));
        }
    }

    /**
     * The results map of the HTML pages.
     *
     * @param tiles       an XYZ tile URL ({z}/{x}/{y}) drawn under the raster's own picture; empty: none,
     *                    so the map needs no network beyond this server
     * @param attribution the tiles' attribution, shown on the map
     */
    public record WebMap(String tiles, String attribution) {
        static final WebMap DEFAULT = new WebMap("", "");

        WebMap orDefaults() {
            return new WebMap(or(tiles, DEFAULT.tiles), or(attribution, DEFAULT.attribution));
        }
    }

    /**
     * How the server logs, to standard error.
     *
     * @param format {@code text} (a readable line per event, the default) or {@code json} (one JSON object per
     *               line, for a log collector)
     */
    public record Logging(String format) {
        static final Logging DEFAULT = new Logging("text");

        public Logging {
            if (format != null && !format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("logging.format must be text or json, got '" + format + "'");
            }
        }

        Logging orDefaults() {
            return new Logging(or(format, DEFAULT.format));
        }
    }

    /**
     * Who may use the server, beyond {@code server.token}.
     *
     * @param oidc users signed in by an OpenID Connect provider; each sees only their own jobs
     */
    public record Auth(Oidc oidc) {
        static final Auth DEFAULT = new Auth(null);

        Auth orDefaults() {
            return new Auth((oidc == null ? Oidc.DEFAULT : oidc).orDefaults());
        }
    }

    /**
     * JWT bearer tokens of an OpenID Connect provider.
     *
     * @param issuer    the provider's issuer URL, exactly as its tokens' {@code iss}; empty: no OpenID Connect
     * @param audience  the {@code aud} a token must name (this service's client id): a token made for another
     *                  application of the same provider is refused
     * @param jwksUri   where the signing keys are; empty: the {@code jwks_uri} of the issuer's discovery document
     * @param roleClaim the claim listing the user's roles, a dotted path into nested claims
     *                  (Keycloak: {@code realm_access.roles})
     * @param adminRole the role whose holders see and dismiss every user's jobs
     */
    public record Oidc(String issuer, String audience, String jwksUri, String roleClaim, String adminRole) {
        static final Oidc DEFAULT = new Oidc("", "", "", "roles", "rgbunmix-admin");

        public Oidc {
            if (issuer != null && !issuer.isEmpty() && (audience == null || audience.isEmpty())) {
                throw new IllegalArgumentException("auth.oidc.audience is required with auth.oidc.issuer: the client "
                        + "id that this service's tokens name in 'aud', so that a token made for another application "
                        + "of the same provider is refused");
            }
        }

        /** Whether users sign in through an OpenID Connect provider. */
        public boolean enabled() {
            return !issuer.isEmpty();
        }

        Oidc orDefaults() {
            return new Oidc(or(issuer, DEFAULT.issuer), or(audience, DEFAULT.audience), or(jwksUri, DEFAULT.jwksUri),
                    or(roleClaim, DEFAULT.roleClaim), or(adminRole, DEFAULT.adminRole));
        }
    }

    public static final Settings DEFAULT = new Settings(null, null, null, null, null, null, null, null);

    public Settings {
        engine = (engine == null ? Engine.DEFAULT : engine).orDefaults();
        server = (server == null ? Server.DEFAULT : server).orDefaults();
        jobs = (jobs == null ? Jobs.DEFAULT : jobs).orDefaults();
        limits = (limits == null ? Limits.DEFAULT : limits).orDefaults();
        references = (references == null ? References.DEFAULT : references).orDefaults();
        map = (map == null ? WebMap.DEFAULT : map).orDefaults();
        logging = (logging == null ? Logging.DEFAULT : logging).orDefaults();
        auth = (auth == null ? Auth.DEFAULT : auth).orDefaults();
        if (auth.oidc().enabled() && !server.token().isEmpty()) {
            throw new IllegalArgumentException("server.token and auth.oidc.issuer are both set: choose one, the "
                    + "shared token (everyone who has it sees every job) or OpenID Connect (each user their own)");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Reads a settings file; the defaults when it does not exist. An unknown key or a value of the
     * wrong type is refused, in words that name the setting and the file.
     */
    public static Settings read(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return DEFAULT;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Settings settings = yaml.readValue(file.toFile(), Settings.class);
            return settings == null ? DEFAULT : settings;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSettingsException(file + ": unknown setting '" + path(e) + "'; the settings there are "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (ValueInstantiationException e) {
            // a section's own check refused a value (logging.format, limits.maxDates): its words, and the line
            throw new InvalidSettingsException(file + ": " + (e.getCause() == null ? e.getOriginalMessage()
                    : e.getCause().getMessage()) + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ")"));
        } catch (MismatchedInputException e) {
            throw new InvalidSettingsException(file + ": setting '" + path(e) + "' must be "
                    + kind(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException(file + ": not readable YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    /** A settings file that cannot be taken: the server does not start. */
    public static final class InvalidSettingsException extends IOException {
        InvalidSettingsException(String message) {
            super(message);
        }
    }

    /** The setting's dotted name, e.g. engine.batchSize. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section of settings (key: value lines)";
    }

    /**
     * The models folder. A relative path is resolved against the folder of {@code file}, the settings
     * file it was read from (or would have been: the defaults are those of config/server.yaml of the
     * installation); without a file, against ./config.
     */
    public Path modelsFolder(Path file) {
        return resolve(file, engine.models());
    }

    /** The jobs' work folder, resolved like {@link #modelsFolder}. */
    public Path workFolder(Path file) {
        return resolve(file, server.workDir());
    }

    private static Path resolve(Path file, String value) {
        Path path = Path.of(value);
        if (path.isAbsolute()) {
            return path;
        }
        Path folder = (file == null ? Path.of("config", "server.yaml") : file).toAbsolutePath().getParent();
        return folder.resolve(path).normalize();
    }
}
