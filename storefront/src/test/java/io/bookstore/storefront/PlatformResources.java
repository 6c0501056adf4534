package io.bookstore.storefront;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The {@link Platform} for the test run, shared by every {@code @QuarkusTest}: they share one
 * storefront, which talks to one set of services.
 */
@QuarkusTestResource(value = Platform.class, restrictToAnnotatedClass = false)
public final class PlatformResources {

    private PlatformResources() {
    }
}
