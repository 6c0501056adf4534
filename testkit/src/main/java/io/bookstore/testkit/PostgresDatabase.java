package io.bookstore.testkit;

import org.flywaydb.core.Flyway;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh database on the local PostgreSQL server, for one test run. The server comes
 * from {@code BOOKSTORE_PG_HOST}, {@code BOOKSTORE_PG_PORT}, {@code BOOKSTORE_PG_USER}
 * and {@code BOOKSTORE_PG_PASSWORD} (default 127.0.0.1, 5432, postgres, no password).
 */
public final class PostgresDatabase {

    private final String name;
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private PostgresDatabase(String name) {
        this.name = name;
        this.host = env("BOOKSTORE_PG_HOST", "127.0.0.1");
        this.port = Integer.parseInt(env("BOOKSTORE_PG_PORT", "5432"));
        this.username = env("BOOKSTORE_PG_USER", "postgres");
        this.password = env("BOOKSTORE_PG_PASSWORD", "");
    }

    /** Creates {@code <prefix>_test_<random>}; it is dropped by {@link #drop()} or at JVM exit. */
    public static PostgresDatabase create(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("not a database name prefix: " + prefix);
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        PostgresDatabase database = new PostgresDatabase(prefix + "_test_" + HexFormat.of().formatHex(random));
        database.executeOnServer("CREATE DATABASE " + database.name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The URL form of the Vert.x reactive client ({@code quarkus.datasource.reactive.url}). */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /**
     * {@code QUARKUS_DATASOURCE_REACTIVE_URL}, {@code _JDBC_URL}, {@code _USERNAME} and
     * {@code _PASSWORD}, for a packaged service ({@link QuarkusApp}) to use this database.
     */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", username,
                "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    public Connection connect() throws SQLException {
        return open(jdbcUrl());
    }

    /** Applies the Flyway migrations found at the given locations ({@code filesystem:…}, {@code classpath:…}). */
    public void migrate(String... locations) {
        Flyway.configure()
                .dataSource(jdbcUrl(), username, password)
                .locations(locations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Drops the database, closing whatever connections are still open on it. */
    public void drop() {
        executeOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void executeOnServer(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = open(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused `" + sql
                    + "`: " + e.getMessage() + " (is the server running? BOOKSTORE_PG_* name it)", e);
        }
    }

    /**
     * Straight through the driver, not {@code DriverManager}: a Quarkus test that restarts
     * the application loads this class again in a new class loader, and {@code DriverManager}
     * refuses a driver registered by another one ("No suitable driver").
     */
    private Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return new Driver().connect(url, properties);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
