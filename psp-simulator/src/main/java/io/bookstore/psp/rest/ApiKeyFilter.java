package io.bookstore.psp.rest;

import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Stripe's authentication: the secret key as a bearer token, or as the user name of basic
 * auth (what {@code curl -u sk_test_…:} sends). Anything else is a 401 before the resource runs.
 */
public class ApiKeyFilter {

    private final byte[] secretKey;

    public ApiKeyFilter(PspConfig config) {
        this.secretKey = config.secretKey().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Optional<RestResponse<ApiError.Body>> authenticate(ContainerRequestContext request) {
        Optional<String> key = apiKey(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            return Optional.of(unauthorized("You did not provide an API key. You need to provide your API key in the "
                    + "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."));
        }
        // Compared in constant time: the simulator should not teach clients to rely on less.
        if (!MessageDigest.isEqual(secretKey, key.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(unauthorized("Invalid API Key provided: " + masked(key.get())));
        }
        return Optional.empty();
    }

    /** The key of {@code Bearer <key>} or {@code Basic base64(<key>:)}, if the header holds one. */
    static Optional<String> apiKey(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).strip()).filter(key -> !key.isEmpty());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return Optional.of(colon < 0 ? credentials : credentials.substring(0, colon)).filter(key -> !key.isEmpty());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String masked(String key) {
        int prefix = key.startsWith("sk_test_") ? 8 : Math.min(3, key.length());
        String tail = key.length() - prefix > 4 ? key.substring(key.length() - 4) : "";
        return key.substring(0, prefix) + "*".repeat(Math.max(0, key.length() - prefix - tail.length())) + tail;
    }

    private static RestResponse<ApiError.Body> unauthorized(String message) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.UNAUTHORIZED, new ApiError.Body(ApiError.of(ApiError.INVALID_REQUEST, message)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"psp-simulator\"")
                .build();
    }
}
