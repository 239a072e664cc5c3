package io.rgbunmix.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Logs;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Users signed in by an OpenID Connect provider, each seeing only their own jobs, on both interfaces.
 *
 * <p>The provider here is {@link TestProvider}: a small HTTP server in the test that serves what an OpenID
 * provider serves to a resource server (the discovery document and the JWKS), with an RSA key made in the test
 * that signs the tokens. Keycloak itself ({@code org.keycloak:keycloak-quarkus-dist}) is not started: its
 * distribution is a Quarkus application of its own, and starting it would cost the suite far more time and
 * memory than the 2-core CI allows for one test; what the server does with a token (the discovery, the keys,
 * the checks) is the same for any provider that follows the specification.
 */
class OidcUsersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE = TestProvider.AUDIENCE;
    @TempDir
    Path temp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private TestProvider provider;
    private ModelStore models;
    private RgbunmixServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        provider = new TestProvider();
        Logs.configure(new Settings.Logging("text"), logs);
        models = TestData.store();
        Settings settings = new Settings(null, new Settings.Server("127.0.0.1", 0, "work", 20L << 20, ""), null, null,
                null, null, null, provider.settings());
        server = new RgbunmixServer(settings, temp.resolve("work"), models);
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        models.close();
        provider.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String token(String subject, String audience, Instant expiry, String... roles) throws Exception {
        return provider.token(subject, audience, expiry, roles);
    }

    private String user(String subject, String... roles) throws Exception {
        return provider.user(subject, roles);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json").header("Prefer", "respond-async");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String startJob(String token) throws Exception {
        HttpResponse<String> accepted = send("POST", "/processes/echo/execution", token,
                "{\"inputs\": {\"message\": \"mine\"}}");
        assertEquals(201, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("jobID").asText();
    }

    private List<String> jobIds(String token) throws Exception {
        HttpResponse<String> list = send("GET", "/jobs", token, null);
        assertEquals(200, list.statusCode(), list.body());
        List<String> ids = new ArrayList<>();
        JSON.readTree(list.body()).get("jobs").forEach(job -> ids.add(job.get("jobID").asText()));
        return ids;
    }

    @Test
    void aUserSeesReadsAndDismissesOnlyTheirOwnJobsAndAnAdministratorSeesAll() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        String admin = user("carmen", TestProvider.ADMIN);
        String aliceJob = startJob(alice);
        String bobJob = startJob(bob);

        assertEquals(List.of(aliceJob), jobIds(alice));
        assertEquals(List.of(bobJob), jobIds(bob));
        assertTrue(jobIds(admin).containsAll(List.of(aliceJob, bobJob)));
        for (String path : List.of("/jobs/" + aliceJob, "/jobs/" + aliceJob + "/results")) {
            HttpResponse<String> other = send("GET", path, bob, null);
            assertEquals(404, other.statusCode(), path + ": " + other.body());
            assertTrue(other.body().contains("no-such-job"), other.body());
        }
        assertEquals(404, send("DELETE", "/jobs/" + aliceJob, bob, null).statusCode());
        assertEquals(200, send("GET", "/jobs/" + aliceJob, alice, null).statusCode(), "bob's dismissal did nothing");
        assertEquals(401, send("GET", "/jobs/" + aliceJob, null, null).statusCode());
        assertEquals(200, send("DELETE", "/jobs/" + bobJob, admin, null).statusCode());
        assertEquals(List.of(), jobIds(bob));
    }

    @Test
    void aJobsCollectionIsItsOwnersAlone() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        Path scene = temp.resolve("scene.tif");
        SyntheticRaster.write(scene, TestData.utm(2 * 224, 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> (x / 3 + b * 60) % 250);
        HttpResponse<String> accepted = send("POST", "/processes/estimate-abundances/execution", alice,
                "{\"inputs\": {\"raster\": {\"value\": \"" + Base64.getEncoder().encodeToString(Files.readAllBytes(scene))
                        + "\", \"mediaType\": \"image/tiff\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}");
        assertEquals(201, accepted.statusCode(), accepted.body());
        String job = JSON.readTree(accepted.body()).get("jobID").asText();
        for (int i = 0; i < 500 && !JSON.readTree(send("GET", "/jobs/" + job, alice, null).body()).get("status")
                .asText().equals("successful"); i++) {
            Thread.sleep(20);
        }
        assertEquals(200, send("GET", "/collections/" + job, alice, null).statusCode());
        assertEquals(200, send("GET", "/collections/" + job + "/items", alice, null).statusCode());
        for (String path : List.of("/collections/" + job, "/collections/" + job + "/items", "/collections/" + job
                + "/items/0")) {
            assertEquals(404, send("GET", path, bob, null).statusCode(), path);
            assertEquals(401, send("GET", path, null, null).statusCode(), path);
        }
        assertTrue(send("GET", "/collections", alice, null).body().contains(job));
        assertFalse(send("GET", "/collections", bob, null).body().contains(job), "bob's list has not alice's");
    }

    private HttpResponse<String> wps(String query, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/wps?" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wpsStatusUrlsAreOpenButATokenMustBeTheOwners() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        String execute = "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs=message=hola"
                + "&ResponseDocument=echo&storeExecuteResponse=true&status=true";
        assertEquals(401, wps(execute, null).statusCode());
        HttpResponse<String> accepted = wps(execute, alice);
        assertEquals(200, accepted.statusCode(), accepted.body());
        Matcher location = Pattern.compile("statusLocation=\"[^\"]*executionId=([0-9a-f-]{36})").matcher(accepted.body());
        assertTrue(location.find(), accepted.body());
        String status = "service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + location.group(1);

        // what WPS clients do: poll the status URL without headers; it is unguessable
        assertEquals(200, wps(status, null).statusCode());
        assertEquals(200, wps(status, alice).statusCode());
        HttpResponse<String> bobs = wps(status, bob);
        assertEquals(400, bobs.statusCode(), bobs.body());
        assertTrue(bobs.body().contains("unknown execution"), bobs.body());
        String executions = "service=WPS&version=1.0.0&request=GetExecutions";
        assertEquals(401, wps(executions, null).statusCode());
        assertFalse(wps(executions, bob).body().contains(location.group(1)));
        assertTrue(wps(executions, alice).body().contains(location.group(1)));
        String dismiss = "service=WPS&version=1.0.0&request=Dismiss&executionId=" + location.group(1);
        assertEquals(401, wps(dismiss, null).statusCode());
        assertEquals(400, wps(dismiss, bob).statusCode());
        assertEquals(200, wps(status, alice).statusCode(), "bob's Dismiss did nothing");
        assertEquals(200, wps(dismiss, alice).statusCode());
    }

    private HttpResponse<String> wpsPost(String xml, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/wps")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wps2JobsAreTheirOwnersAndTheSameJobsAsInOgcApi() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        String execute = "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/2.0\" xmlns:ows=\"http://www.opengis.net/"
                + "ows/2.0\" service=\"WPS\" version=\"2.0.0\" mode=\"async\" response=\"document\"><ows:Identifier>"
                + "unmix:Echo</ows:Identifier><wps:Input id=\"message\"><wps:Data>mine</wps:Data></wps:Input>"
                + "<wps:Output id=\"echo\"/></wps:Execute>";
        HttpResponse<String> anonymous = wpsPost(execute, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("http://www.opengis.net/ows/2.0"), anonymous.body());
        HttpResponse<String> accepted = wpsPost(execute, alice);
        Matcher id = Pattern.compile("<wps:JobID>([0-9a-f-]{36})</wps:JobID>").matcher(accepted.body());
        assertTrue(id.find(), accepted.body());
        String status = "service=WPS&version=2.0.0&request=GetStatus&jobId=" + id.group(1);
        assertEquals(200, wps(status, null).statusCode(), "status URLs are open");
        assertEquals(200, wps(status, alice).statusCode());
        assertTrue(wps(status, bob).body().contains("exceptionCode=\"NoSuchJob\""));
        assertEquals(200, send("GET", "/jobs/" + id.group(1), alice, null).statusCode(), "one job store");
        assertEquals(404, send("GET", "/jobs/" + id.group(1), bob, null).statusCode());
        String dismiss = "service=WPS&version=2.0.0&request=Dismiss&jobId=" + id.group(1);
        assertEquals(401, wps(dismiss, null).statusCode());
        assertEquals(400, wps(dismiss, bob).statusCode());
        assertEquals(200, wps(status, alice).statusCode(), "bob's Dismiss did nothing");
        assertTrue(wps(dismiss, alice).body().contains("<wps:Status>Dismissed</wps:Status>"));
    }

    private void assertRefused(String token, String words) throws Exception {
        HttpResponse<String> refused = send("GET", "/jobs", token, null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""),
                refused.headers().map().toString());
        JsonNode problem = JSON.readTree(refused.body());
        assertTrue(problem.get("detail").asText().contains(words), problem.toString());
    }

    @Test
    void expiredWrongAudienceUnsignedAndForeignTokensAreRefusedWith401() throws Exception {
        assertRefused(token("alice", AUDIENCE, Instant.now().minusSeconds(300)), "expired");
        assertRefused(token("alice", "another-app", Instant.now().plusSeconds(600)), "audience");
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(provider.issuer()).subject("alice").audience(AUDIENCE)
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).build();
        assertRefused(provider.remember(new PlainJWT(claims).serialize()), "alg none");
        // the provider's key id, another key: a forged signature
        assertRefused(provider.sign(claims, new RSAKeyGenerator(2048).keyID("k1").generate()), "signature");
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(claims).issuer("https://elsewhere.example.org").build();
        assertRefused(provider.sign(otherIssuer, provider.key()), "not issued by");
        assertRefused("not-a-jwt", "not a JWT");
        assertEquals(401, send("GET", "/jobs", null, null).statusCode());
        // a good token after all those: the keys were fetched once, and kept
        assertEquals(200, send("GET", "/jobs", user("alice"), null).statusCode());
        assertEquals(1, provider.keyFetches());
    }

    @Test
    void theProvidersNewKeyIsFetchedWhenATokenNamesIt() throws Exception {
        assertEquals(200, send("GET", "/jobs", user("alice"), null).statusCode());
        provider.rotate();
        assertEquals(200, send("GET", "/jobs", user("alice"), null).statusCode(), "a token signed with the new key");
        assertEquals(2, provider.keyFetches());
    }

    @Test
    void theApiDocumentNamesTheProvidersDiscoveryDocument() throws Exception {
        JsonNode scheme = JSON.readTree(send("GET", "/api", null, null).body()).get("components").get("securitySchemes")
                .get("rgbunmixAuth");
        assertEquals("openIdConnect", scheme.get("type").asText());
        assertEquals(provider.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration",
                scheme.get("openIdConnectUrl").asText());
    }

    @Test
    void noTokenReachesTheLogs() throws Exception {
        startJob(user("alice"));
        send("GET", "/jobs", token("alice", "another-app", Instant.now().plusSeconds(600)), null);
        send("GET", "/jobs", token("bob", AUDIENCE, Instant.now().minusSeconds(300)), null);
        wps("service=WPS&version=1.0.0&request=GetExecutions", user("bob"));
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("token refused"), "the logs were captured: " + logged);
        assertTrue(logged.contains("GET /jobs 401"), logged);
        for (String token : provider.issued()) {
            assertFalse(logged.contains(token), "a token in the logs");
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(!signature.isEmpty() && logged.contains(signature), "a token's signature in the logs");
        }
    }
}
