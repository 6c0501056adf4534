package io.bookstore.storefront.rest;

import io.bookstore.storefront.config.StorefrontConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the shopper's page (the static files under {@code META-INF/resources}) needs to sign in:
 * the realm's issuer as a browser reaches it and the page's public client. Public: the page asks
 * before anyone is signed in.
 */
@Path("/api/v2/web-config")
@Produces(MediaType.APPLICATION_JSON)
public class WebConfigResource {

    /** snake_case on the wire, as every body; {@code issuer} null where no realm is configured. */
    public record WebConfig(String issuer, String clientId) {
    }

    private final WebConfig config;

    public WebConfigResource(StorefrontConfig storefront) {
        this.config = new WebConfig(storefront.web().issuer().orElse(null), storefront.web().clientId());
    }

    @GET
    public WebConfig get() {
        return config;
    }
}
