package io.bookstore.orders;

import io.bookstore.testkit.KeycloakResource;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * A fresh {@code bookstore_orders_test_*} database and the real Keycloak for the test run,
 * shared by every {@code @QuarkusTest}: they share one application, which migrates the
 * database at start.
 */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "bookstore_orders"),
        restrictToAnnotatedClass = false)
public final class OrdersTestResources {

    private OrdersTestResources() {
    }
}
