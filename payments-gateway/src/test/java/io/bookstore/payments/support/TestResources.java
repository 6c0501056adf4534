package io.bookstore.payments.support;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.KeycloakResource;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * What every {@code @QuarkusTest} of this module runs against, started once for the shared
 * application: a fresh {@code bookstore_payments} database, the shared Kafka broker with the
 * order topics, and the real psp-simulator and orders ({@link PaymentsTestResources}).
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "bookstore_payments"))
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PaymentsTestResources.class, restrictToAnnotatedClass = false)
public final class TestResources {

    private TestResources() {
    }
}
