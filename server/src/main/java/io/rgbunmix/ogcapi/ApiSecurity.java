package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.config.Settings;

/**
 * How the API document tells clients to authenticate: the OpenID Connect provider's discovery document, the
 * shared bearer token, or nothing (an open server). Descriptions, the landing page and conformance stay open
 * either way; executions and jobs need the token.
 *
 * @param scheme            "openIdConnect", "bearer" or null for none
 * @param openIdConnectUrl  the provider's discovery document, for "openIdConnect"
 */
record ApiSecurity(String scheme, String openIdConnectUrl) {
    static final String NAME = "rgbunmixAuth";

    static ApiSecurity of(Settings settings) {
        if (settings.auth().oidc().enabled()) {
            return new ApiSecurity("openIdConnect", settings.auth().oidc().issuer().replaceAll("/+$", "")
                    + "/.well-known/openid-configuration");
        }
        return new ApiSecurity(settings.server().token().isEmpty() ? null : "bearer", null);
    }

    boolean any() {
        return scheme != null;
    }

    /** {@code components.securitySchemes} of the document. */
    void describe(ObjectNode components) {
        if (!any()) {
            return;
        }
        ObjectNode described = components.putObject("securitySchemes").putObject(NAME);
        if (scheme.equals("openIdConnect")) {
            described.put("type", "openIdConnect").put("openIdConnectUrl", openIdConnectUrl)
                    .put("description", "A JWT access token of the provider, sent as 'Authorization: Bearer ...'");
        } else {
            described.put("type", "http").put("scheme", "bearer")
                    .put("description", "The server's shared token (server.token), sent as 'Authorization: Bearer ...'");
        }
    }

    /** Marks an operation as needing the token, with a 401 answer. */
    void require(ObjectNode operation) {
        if (!any()) {
            return;
        }
        operation.putArray("security").addObject().putArray(NAME);
        operation.with("responses").putObject("401").put("description", "No token, or a token that is not good "
                + "(WWW-Authenticate says why)");
    }
}
