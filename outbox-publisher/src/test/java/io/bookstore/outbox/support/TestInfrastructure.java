package io.bookstore.outbox.support;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of this module runs against a fresh {@code bookstore_orders} database
 * migrated with the orders module's own migrations (the schema this service reads but does
 * not own) and against the shared real Kafka broker.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "database", value = "bookstore_orders"),
        @ResourceArg(name = "migrations", value = "filesystem:../orders/src/main/resources/db/migration")})
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
