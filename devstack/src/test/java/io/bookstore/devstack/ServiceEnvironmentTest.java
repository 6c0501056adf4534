package io.bookstore.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {

    private static final PostgresServer POSTGRES = new PostgresServer("127.0.0.1", 5432, "postgres", "");

    @Test
    void theStorefrontDrawsTracesFromTheStacksTraceQueryApiWhenTelemetryIsOn() {
        assertThat(new ServiceEnvironment(POSTGRES, true).of(Service.STOREFRONT))
                .containsEntry("BOOKSTORE_STOREFRONT_TRACES_URL", "http://127.0.0.1:3200");
        assertThat(new ServiceEnvironment(POSTGRES, true).exports(Service.STOREFRONT))
                .contains("export BOOKSTORE_STOREFRONT_TRACES_URL='http://127.0.0.1:3200'");
        assertThat(new ServiceEnvironment(POSTGRES, false).of(Service.STOREFRONT)).doesNotContainKey("BOOKSTORE_STOREFRONT_TRACES_URL");
        assertThat(new ServiceEnvironment(POSTGRES, true).of(Service.ORDERS)).doesNotContainKey("BOOKSTORE_STOREFRONT_TRACES_URL");
    }
}
