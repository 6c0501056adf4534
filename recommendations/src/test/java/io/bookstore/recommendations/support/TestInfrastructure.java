package io.bookstore.recommendations.support;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.KeycloakResource;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of this module runs against a fresh {@code bookstore_recommendations}
 * database (migrated by the service itself at start-up) and the shared real Kafka broker.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "bookstore_recommendations"))
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
