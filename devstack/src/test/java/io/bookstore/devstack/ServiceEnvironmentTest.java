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

    @Test
    void theRelayAndTheGatewayKeepTheirReplicaIdsAcrossRestartsSoThatARestartedOneTakesBackItsLeases() {
        assertThat(new ServiceEnvironment(POSTGRES, true).of(Service.OUTBOX_PUBLISHER))
                .containsEntry("BOOKSTORE_OUTBOX_REPLICA_ID", "outbox-publisher-0");
        assertThat(new ServiceEnvironment(POSTGRES, true).of(Service.PAYMENTS_GATEWAY))
                .containsEntry("BOOKSTORE_PAYMENTS_REPLICA_ID", "payments-gateway-0");
        assertThat(new ServiceEnvironment(POSTGRES, true).of(Service.ORDERS)).doesNotContainKey("BOOKSTORE_OUTBOX_REPLICA_ID");
    }

    @Test
    void anEnvironmentApartKeepsTheWiringButNotTheStacksDataOrSpans() {
        ServiceEnvironment apart = new ServiceEnvironment(POSTGRES, false).apart("_aot_training", "127.0.0.1:40001", "http://127.0.0.1:40002");

        assertThat(apart.of(Service.ORDERS))
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/bookstore_orders_aot_training")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/bookstore_orders_aot_training")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40001")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:40002")
                .containsEntry("QUARKUS_HTTP_PORT", "8082");
        assertThat(apart.of(Service.STOREFRONT)).containsEntry("QUARKUS_REST_CLIENT_ORDERS_URL", "http://127.0.0.1:8082");
        assertThat(apart.databases()).containsExactly("bookstore_catalog_aot_training", "bookstore_orders_aot_training",
                "bookstore_payments_aot_training", "bookstore_recommendations_aot_training");
        assertThat(new ServiceEnvironment(POSTGRES, true).databases()).isEqualTo(Service.databases());
    }
}
