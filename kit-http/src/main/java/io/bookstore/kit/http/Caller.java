package io.bookstore.kit.http;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls a {@link TenantScoped} endpoint, as {@link TenantFilter} verified it: the tenant of
 * the token, and the token itself for a service that passes the caller's token on. Read it in
 * the resource method, on the request's thread; capture the values before going async.
 */
@RequestScoped
public class Caller {

    private String tenant;
    private String accessToken;

    void verified(String tenant, String accessToken) {
        this.tenant = tenant;
        this.accessToken = accessToken;
    }

    /** The {@code tenant} claim of the caller's verified token. */
    public String tenant() {
        if (tenant == null) {
            throw new IllegalStateException("no verified caller: the endpoint is not @TenantScoped");
        }
        return tenant;
    }

    /** The caller's token as an {@code Authorization} header value, {@code Bearer <token>}, to pass on. */
    public String authorization() {
        tenant();
        return "Bearer " + accessToken;
    }
}
