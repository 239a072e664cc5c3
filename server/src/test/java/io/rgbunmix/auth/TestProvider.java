package io.rgbunmix.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rgbunmix.config.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an OpenID provider serves to a resource server, and no more: its discovery document and its JWKS
 * (one RSA key made here), on loopback; and tokens it signs. A stand-in for a real provider in the tests, which
 * says why where it is used.
 */
public final class TestProvider implements AutoCloseable {
    public static final String AUDIENCE = "rgbunmix";
    public static final String ADMIN = "rgbunmix-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger keyFetches = new AtomicInteger();
    private final List<String> issued = new ArrayList<>();

    public TestProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/ecology";
        server.createContext("/realms/ecology/.well-known/openid-configuration", exchange -> send(exchange,
                JSON.writeValueAsBytes(Map.of("issuer", issuer, "jwks_uri", issuer + "/certs"))));
        server.createContext("/realms/ecology/certs", exchange -> {
            keyFetches.incrementAndGet();
            send(exchange, new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public String issuer() {
        return issuer;
    }

    /** The server's settings for users of this provider (Keycloak's role claim). */
    public Settings.Auth settings() {
        return new Settings.Auth(new Settings.Oidc(issuer, AUDIENCE, "", "realm_access.roles", ADMIN));
    }

    /** How many times the server fetched the keys. */
    public int keyFetches() {
        return keyFetches.get();
    }

    /** Every token made here, good or bad. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    /** A good token for {@code subject}, valid ten minutes, with these roles. */
    public String user(String subject, String... roles) throws Exception {
        return token(subject, AUDIENCE, Instant.now().plusSeconds(600), roles);
    }

    /** A token signed by this provider, for {@code audience}, expiring at {@code expiry}. */
    public String token(String subject, String audience, Instant expiry, String... roles) throws Exception {
        return sign(new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(Instant.now())).expirationTime(Date.from(expiry))
                .claim("realm_access", Map.of("roles", List.of(roles))).build(), key);
    }

    /** The claims signed with {@code signer} under the provider's key id. */
    public String sign(JWTClaimsSet claims, RSAKey signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return remember(jwt.serialize());
    }

    /** Notes a token made elsewhere in the test, so that it counts among those that must not be logged. */
    public String remember(String token) {
        issued.add(token);
        return token;
    }

    /** A key rotation: the provider signs with a new key, under a new key id, and publishes only that one. */
    public void rotate() throws Exception {
        key = new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
    }

    public RSAKey key() {
        return key;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
