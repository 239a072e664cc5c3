/**
 * Who is calling: a request's {@code Authorization} header made into a {@link io.rgbunmix.auth.Caller}, through
 * the server's shared token or an OpenID Connect provider's signed tokens. Knows nothing of HTTP routes or jobs
 * beyond whose a job is.
 */
package io.rgbunmix.auth;
