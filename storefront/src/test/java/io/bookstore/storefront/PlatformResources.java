package io.bookstore.storefront;

import io.bookstore.testkit.KeycloakResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The {@link Platform} for the test run, shared by every {@code @QuarkusTest}: they share one
 * storefront, which talks to one set of services; the real Keycloak, whose tokens the
 * storefront and the services behind it check; and a stand-in for the trace store.
 */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TraceStoreStub.class, restrictToAnnotatedClass = false)
public final class PlatformResources {

    private PlatformResources() {
    }
}
