package io.bookstore.contracts;

/**
 * What the services require of an access token of the {@code bookstore} realm besides a valid
 * signature, issuer and expiry: the platform's audience, and the realm role an endpoint needs.
 */
public final class Identity {

    /** The realm's name; its issuer is {@code <keycloak>/realms/bookstore}. */
    public static final String REALM = "bookstore";
    /** The {@code aud} every access token of the realm carries, and every service requires. */
    public static final String AUDIENCE = "bookstore";
    /** A shopper acts for the tenant in the token: checkouts, its orders, recommendations, reservations, payments. */
    public static final String SHOPPER_ROLE = "shopper";
    /** May change an order's status: payments-gateway's service account, and nobody else. */
    public static final String SETTLER_ROLE = "orders-settler";

    private Identity() {
    }
}
