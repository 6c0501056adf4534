package io.bookstore.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Arrays;
import java.util.Map;

/**
 * Gives a Quarkus test a fresh database on the local PostgreSQL server, dropped when the
 * application stops. Init args: {@code database}, the name prefix (for example
 * {@code bookstore_orders}); {@code migrations}, optional comma-separated Flyway
 * locations applied before the application starts (for a service that reads a schema
 * another service owns).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String prefix;
    private String[] migrations = new String[0];
    private PostgresDatabase database;

    @Override
    public void init(Map<String, String> args) {
        prefix = args.get("database");
        if (prefix == null) {
            throw new IllegalArgumentException("PostgresResource needs a `database` init arg, e.g. bookstore_orders");
        }
        String locations = args.get("migrations");
        if (locations != null && !locations.isBlank()) {
            migrations = Arrays.stream(locations.split(",")).map(String::trim).toArray(String[]::new);
        }
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create(prefix);
        if (migrations.length > 0) {
            database.migrate(migrations);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
