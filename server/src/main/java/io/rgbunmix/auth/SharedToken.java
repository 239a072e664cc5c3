package io.rgbunmix.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The small setup's authentication: one token that everyone who runs jobs shares, and who then sees every
 * job. With no token configured, every request is {@link Caller#EVERYONE}.
 */
final class SharedToken implements Authenticator {
    /** "Bearer <token>" as bytes, or null when no token is configured. */
    private final byte[] expected;

    SharedToken(String token) {
        this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Caller> caller(String authorization) throws TokenRefusedException {
        if (expected == null) {
            return Optional.of(Caller.EVERYONE);
        }
        if (authorization == null) {
            return Optional.empty();
        }
        // in constant time: how much of a guess matched must not show in how long the answer takes
        if (!MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new TokenRefusedException("this is not the server's bearer token", 401);
        }
        return Optional.of(Caller.EVERYONE);
    }

    @Override
    public String inWords() {
        return expected == null ? "no authentication (server.token is empty): anyone who reaches the server runs jobs"
                : "the shared bearer token of server.token";
    }

    @Override
    public boolean usersOwnJobs() {
        return false;
    }
}
