package io.bookstore.kit.http;

import io.smallrye.common.vertx.ContextLocals;

/**
 * Who calls a {@link TenantScoped} endpoint, as {@link TenantFilter} verified it: the tenant of
 * the token, and the token itself for a service that passes the caller's token on. A value,
 * kept in the request's local data (its Vert.x context), so that it can travel through
 * retries and polls that leave the request's thread.
 *
 * @param tenant the {@code tenant} claim of the caller's verified token
 * @param accessToken the token, as the caller sent it
 */
public record Caller(String tenant, String accessToken) {

    private static final String LOCAL = "bookstore.caller";

    /** The verified caller of the current request; read it in the resource method, on the request's context. */
    public static Caller current() {
        return ContextLocals.<Caller>get(LOCAL)
                .orElseThrow(() -> new IllegalStateException("no verified caller: the endpoint is not @TenantScoped"));
    }

    static void verified(Caller caller) {
        ContextLocals.put(LOCAL, caller);
    }

    /** The caller's token as an {@code Authorization} header value, {@code Bearer <token>}, to pass on. */
    public String authorization() {
        return "Bearer " + accessToken;
    }

    @Override
    public String toString() {
        return "Caller[tenant=" + tenant + "]";
    }
}
