package io.bookstore.catalog;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.KeycloakResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The catalog tests' broker: the testkit's shared one, with the order topic and its
 * dead-letter topic. Every @QuarkusTest needs it, since the application consumes order
 * events from start-up. And the real Keycloak, whose tokens the reservations require.
 */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
public final class TestKafka {

    private TestKafka() {
    }
}
