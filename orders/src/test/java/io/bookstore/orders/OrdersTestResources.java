package io.bookstore.orders;

import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * A fresh {@code bookstore_orders_test_*} database for the test run, shared by every
 * {@code @QuarkusTest}: they share one application, which migrates it at start.
 */
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "bookstore_orders"),
        restrictToAnnotatedClass = false)
public final class OrdersTestResources {

    private OrdersTestResources() {
    }
}
