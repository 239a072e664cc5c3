package io.rgbunmix.auth;

/**
 * A bearer token that was presented and not taken, with the reason in words for the client (never the
 * token itself). {@code status} is 401, or 503 when the token could not be checked because the identity
 * provider's keys could not be fetched.
 */
public final class TokenRefusedException extends Exception {
    private final int status;

    TokenRefusedException(String reason, int status) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} challenge of RFC 6750 that goes with a 401. */
    public String challenge() {
        return "Bearer error=\"invalid_token\", error_description=\"" + getMessage().replace("\"", "'") + "\"";
    }
}
