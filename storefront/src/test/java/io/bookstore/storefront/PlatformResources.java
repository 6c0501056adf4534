package io.bookstore.storefront;

import io.bookstore.testkit.KeycloakResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The {@link Platform} for the test run, shared by every {@code @QuarkusTest}: they share one
 * storefront, which talks to one set of services; and the real Keycloak, whose tokens the
 * storefront and the services behind it check.
 */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
public final class PlatformResources {

    private PlatformResources() {
    }
}
