package io.bookstore.kit.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose Content-Length exceeds the limit before any of it is read, with a
 * problem+json 413 (the transport's own limit answers with an empty body).
 * {@link BodySizeInterceptor} covers bodies sent without a length.
 */
public class BodySizeFilter {

    private final BodySizeLimit limit;

    public BodySizeFilter(BodySizeLimit limit) {
        this.limit = limit;
    }

    @ServerRequestFilter(preMatching = true)
    public void rejectDeclaredOversize(ContainerRequestContext request) {
        limit.checkDeclared(declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)));
    }

    /** The declared length, or -1 when there is none; the HTTP codec has already refused a malformed one. */
    private static long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
