package io.rgbunmix.auth;

import io.rgbunmix.config.Settings;
import java.io.IOException;
import java.util.Optional;

/** Makes a request's {@code Authorization} header into the caller it proves. */
public interface Authenticator {
    /**
     * The caller of a request with this {@code Authorization} header (null: none); empty when the request
     * has no token and one is needed for what needs a caller.
     *
     * @throws TokenRefusedException a token was presented and is not good
     */
    Optional<Caller> caller(String authorization) throws TokenRefusedException;

    /**
     * Whether jobs belong to users. Then a WPS status or result URL, unguessable, is served to whoever holds
     * it, as WPS clients poll it without headers; and a token presented with it must be the owner's.
     */
    boolean usersOwnJobs();

    /** Who may use the server, for the start line: "no authentication", "the shared token", or the provider. */
    String inWords();

    /** The authentication the settings ask for: OpenID Connect, the shared token, or none. */
    static Authenticator of(Settings settings) throws IOException {
        return settings.auth().oidc().enabled() ? OidcTokens.discover(settings.auth().oidc())
                : new SharedToken(settings.server().token());
    }
}
