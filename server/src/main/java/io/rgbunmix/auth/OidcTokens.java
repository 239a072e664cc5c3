package io.rgbunmix.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.rgbunmix.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users signed in by an OpenID Connect provider: a request's bearer token must be a JWT that the
 * provider signed with one of its published keys (asymmetric algorithms only; {@code alg: none} and shared
 * secrets are refused), issued by the configured issuer, for the configured audience, and not expired.
 * Checking is Nimbus JOSE + JWT's; the keys come from the provider's JWKS, cached (five minutes), refreshed
 * ahead of expiry and on an unknown key id, at most once in a while (rate limited).
 */
final class OidcTokens implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(OidcTokens.class);
    private static final int TIMEOUT_MS = 10_000;
    private static final int MAX_KEYS_BYTES = 1 << 20;
    /** What providers sign with: RSA, RSA-PSS, elliptic curves and Ed25519; never HMAC, never none. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final Settings.Oidc settings;
    private final URL keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private OidcTokens(Settings.Oidc settings, URL keys) {
        this.settings = settings;
        this.keys = keys;
        JWKSource<SecurityContext> source = JWKSourceBuilder
                .create(keys, new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_KEYS_BYTES))
                .retrying(true).build();   // cached, refreshed ahead and rate limited by default
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        // access tokens are typed JWT, at+jwt (RFC 9068), or not at all
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"), Set.of()));
    }

    /**
     * Tokens of this provider. Its keys' URL is {@code jwksUri} when set, else read now from the issuer's
     * discovery document: a provider that cannot be reached, or whose document names another issuer, stops
     * the start with the reason.
     */
    static OidcTokens discover(Settings.Oidc settings) throws IOException {
        String keys = settings.jwksUri();
        if (keys.isEmpty()) {
            keys = jwksUri(settings.issuer());
        }
        try {
            return new OidcTokens(settings, URI.create(keys).toURL());
        } catch (IllegalArgumentException e) {
            throw new IOException("auth.oidc: the JWKS URL '" + keys + "' is not an absolute URL");
        }
    }

    private static String jwksUri(String issuer) throws IOException {
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(discovery))
                    .timeout(Duration.ofMillis(TIMEOUT_MS)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("HTTP " + answer.statusCode());
            }
            JsonNode document = new ObjectMapper().readTree(answer.body());
            if (!issuer.equals(document.path("issuer").asText())) {
                throw new IOException("it names the issuer '" + document.path("issuer").asText()
                        + "', not the configured '" + issuer + "' (the two must be the same, to the last slash)");
            }
            String keys = document.path("jwks_uri").asText("");
            if (keys.isEmpty()) {
                throw new IOException("it has no jwks_uri");
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw new IOException("auth.oidc.issuer '" + issuer + "' is not an absolute URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + discovery);
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "nothing answers there"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer in " + TIMEOUT_MS / 1000 + " s"
                    : e.getMessage() == null ? "it cannot be reached" : e.getMessage();
            throw new IOException("auth.oidc: cannot read the provider's discovery document " + discovery + ": "
                    + why + "; set auth.oidc.jwksUri to name its keys directly", e);
        }
    }

    @Override
    public Optional<Caller> caller(String authorization) throws TokenRefusedException {
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRefusedException("the Authorization header must be 'Bearer <token>', a token of "
                    + settings.issuer(), 401);
        }
        JWTClaimsSet claims;
        try {
            JWT token = JWTParser.parse(authorization.substring(7).trim());
            if (token instanceof PlainJWT) {
                throw new TokenRefusedException("unsigned tokens (alg none) are refused", 401);
            }
            if (token instanceof EncryptedJWT) {
                throw new TokenRefusedException("encrypted tokens are not taken: send the provider's signed access "
                        + "token", 401);
            }
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new TokenRefusedException("the bearer token is not a JWT", 401);
        } catch (BadJOSEException e) {
            throw new TokenRefusedException(reason(e), 401);
        } catch (JOSEException e) {
            LOG.warn("cannot check a token: the keys of {} cannot be fetched: {}", settings.issuer(), e.getMessage());
            throw new TokenRefusedException("the token cannot be checked now: the identity provider's keys cannot "
                    + "be fetched; try again later", 503);
        }
        return Optional.of(new Caller(claims.getSubject(), roles(claims).contains(settings.adminRole())));
    }

    /** Why Nimbus refused a token, in words that name what the client can fix and nothing of the token. */
    private String reason(BadJOSEException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof ExpiredJWTException) {
            return "the token has expired; get a new one from " + settings.issuer();
        }
        if (e instanceof BadJWTException && (message.contains("aud claim") || message.contains("audience"))) {
            return "the token is not for this service: its audience (aud) must include '" + settings.audience() + "'";
        }
        if (e instanceof BadJWTException && message.contains("iss claim")) {
            return "the token was not issued by " + settings.issuer();
        }
        if (e instanceof BadJWTException && message.contains("missing")) {
            return "the token lacks a required claim (sub and exp are required)";
        }
        if (e instanceof BadJWTException && message.contains("before")) {
            return "the token is not valid yet (nbf)";
        }
        if (message.contains("type")) {
            return "the token is not an access token (its typ header must be JWT or at+jwt)";
        }
        return "the token's signature cannot be verified with the keys of " + settings.issuer()
                + " (signed with RS, PS, ES or EdDSA algorithms only)";
    }

    /** The roles in the configured claim: a list, or a space-separated string (as OAuth's scope is). */
    private Set<String> roles(JWTClaimsSet claims) {
        Object value = claims.getClaims();
        for (String step : settings.roleClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Set<String> roles = new HashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(role -> roles.add(String.valueOf(role)));
        } else if (value instanceof String text) {
            roles.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        return roles;
    }

    @Override
    public String inWords() {
        return "users of " + settings.issuer() + " (audience " + settings.audience() + ", keys at " + keys
                + "), each seeing their own jobs; role " + settings.adminRole() + " in claim " + settings.roleClaim()
                + " sees all";
    }

    @Override
    public boolean usersOwnJobs() {
        return true;
    }
}
