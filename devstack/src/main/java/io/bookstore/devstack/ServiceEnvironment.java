package io.bookstore.devstack;

import io.bookstore.testkit.KeycloakServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment each service gets in the stack: the standard Quarkus variables of
 * DESIGN.md, pointing at the stack's PostgreSQL server, Kafka, OTLP sink, trace query API and
 * the other services. The same variables let a developer run one service in dev mode against the
 * stack ({@code ./bookstore env orders}).
 */
final class ServiceEnvironment {

    private final PostgresServer postgres;
    /** Where the services send their spans; none: telemetry off. */
    private final Optional<String> otlpEndpoint;
    private final String databaseSuffix;
    private final String kafkaBootstrapServers;

    ServiceEnvironment(PostgresServer postgres, boolean telemetry) {
        this(postgres, telemetry ? Optional.of("http://127.0.0.1:" + Ports.OTLP_HTTP) : Optional.empty(), "", "127.0.0.1:" + Ports.KAFKA);
    }

    private ServiceEnvironment(PostgresServer postgres, Optional<String> otlpEndpoint, String databaseSuffix, String kafkaBootstrapServers) {
        this.postgres = postgres;
        this.otlpEndpoint = otlpEndpoint;
        this.databaseSuffix = databaseSuffix;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /**
     * The same services, wired to each other as in the stack, on databases named with
     * {@code databaseSuffix}, another broker and another span receiver: for a run whose data
     * must not mix with the stack's ({@link AotTraining}).
     */
    ServiceEnvironment apart(String databaseSuffix, String kafkaBootstrapServers, String otlpEndpoint) {
        return new ServiceEnvironment(postgres, Optional.of(otlpEndpoint), databaseSuffix, kafkaBootstrapServers);
    }

    /** The databases of the stack, named as this environment names them. */
    List<String> databases() {
        return Service.databases().stream().map(database -> database + databaseSuffix).toList();
    }

    Map<String, String> of(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        service.database().map(database -> database + databaseSuffix).ifPresent(database -> {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        });
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        // The realm whose tokens the APIs check (the %prod default too; named for dev mode, whose
        // %dev names none so that Dev Services for Keycloak start where Docker exists).
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", KeycloakServer.issuerAt(Ports.KEYCLOAK));
        // A line per request, carrying its trace id, so a checkout can be followed through the logs;
        // the services keep it off by default, and the benchmarks turn it off here too.
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        if (otlpEndpoint.isPresent()) {
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlpEndpoint.get());
            // A second, not the default five, so `./bookstore trace` shows a checkout right after it.
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        } else {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        }
        switch (service) {
            // The demonstration switch: the seed's __forced_500__ item fails its reservation
            // (observability/README.md, the forced-500 walk-through).
            case CATALOG -> env.put("BOOKSTORE_CATALOG_FORCED_FAILURES_ENABLED", "true");
            case STOREFRONT -> {
                env.put("QUARKUS_REST_CLIENT_CATALOG_URL", Service.CATALOG.baseUrl());
                env.put("QUARKUS_REST_CLIENT_ORDERS_URL", Service.ORDERS.baseUrl());
                env.put("QUARKUS_REST_CLIENT_RECOMMENDATIONS_URL", Service.RECOMMENDATIONS.baseUrl());
                if (otlpEndpoint.isPresent()) {
                    // The shopper page draws an order's trace from Tempo's query API, which the stack answers.
                    env.put("BOOKSTORE_STOREFRONT_TRACES_URL", "http://127.0.0.1:" + Ports.TEMPO_HTTP);
                }
            }
            case PAYMENTS_GATEWAY -> {
                env.put("BOOKSTORE_PSP_BASE_URL", Service.PSP_SIMULATOR.baseUrl());
                env.put("BOOKSTORE_ORDERS_BASE_URL", Service.ORDERS.baseUrl());
                // As the relay's: a restarted gateway takes back the payments its crashed process held
                // leases on (payments-gateway/README.md).
                env.put("BOOKSTORE_PAYMENTS_REPLICA_ID", "payments-gateway-0");
            }
            case PSP_SIMULATOR -> env.put("BOOKSTORE_PSP_WEBHOOK_URL", Service.PAYMENTS_GATEWAY.baseUrl() + "/webhooks/psp");
            // One relay, the same across its restarts: a restarted one takes back the rows its crashed
            // process had claimed rather than leaving them for their lease (outbox-publisher/README.md).
            case OUTBOX_PUBLISHER -> env.put("BOOKSTORE_OUTBOX_REPLICA_ID", "outbox-publisher-0");
            default -> {
            }
        }
        return env;
    }

    /**
     * Shell lines that run {@code service} in dev mode against the stack: its variables, plus
     * no Dev Services, since the stack provides what they would start.
     */
    String exports(Service service) {
        StringBuilder out = new StringBuilder();
        Map<String, String> env = new LinkedHashMap<>(of(service));
        env.put("QUARKUS_DEVSERVICES_ENABLED", "false");
        env.forEach((name, value) -> out.append("export ").append(name).append('=').append(shellQuoted(value)).append('\n'));
        return out.toString();
    }

    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
