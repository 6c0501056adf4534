package io.bookstore.kit.kafka;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The test application's real PostgreSQL database (with processed_events) and the testkit's Kafka broker. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "database", value = "bookstore_kit_kafka"),
        @ResourceArg(name = "migrations", value = "filesystem:src/test/resources/db/kit-test")})
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
