package io.bookstore.devstack;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server the stack's databases live on, named by {@code BOOKSTORE_PG_HOST},
 * {@code BOOKSTORE_PG_PORT}, {@code BOOKSTORE_PG_USER} and {@code BOOKSTORE_PG_PASSWORD}
 * (default 127.0.0.1, 5432, postgres, no password), as for the tests.
 */
record PostgresServer(String host, int port, String user, String password) {

    static PostgresServer fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("BOOKSTORE_PG_PORT", "5432");
        if (!port.matches("\\d{1,5}")) {
            throw new StackFailure("BOOKSTORE_PG_PORT is '" + port + "', not a port number", "set it to the server's port, e.g. 5432");
        }
        return new PostgresServer(env.getOrDefault("BOOKSTORE_PG_HOST", "127.0.0.1"), Integer.parseInt(port),
                env.getOrDefault("BOOKSTORE_PG_USER", "postgres"), env.getOrDefault("BOOKSTORE_PG_PASSWORD", ""));
    }

    /**
     * Creates each database that does not exist yet; with {@code fresh}, drops them first
     * (closing whatever is still connected). Returns the databases it created.
     */
    List<String> prepare(List<String> databases, boolean fresh) {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                if (fresh) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
                if (!exists(connection, database)) {
                    statement.execute("CREATE DATABASE " + database);
                    created.add(database);
                }
            }
            return created;
        } catch (SQLException e) {
            throw new StackFailure("cannot use the PostgreSQL server at " + describe() + ": " + e.getMessage(),
                    "start it (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), "
                            + "or name another server with BOOKSTORE_PG_HOST, BOOKSTORE_PG_PORT, BOOKSTORE_PG_USER and "
                            + "BOOKSTORE_PG_PASSWORD; the user must be allowed to create databases", e);
        }
    }

    /** Drops the databases that exist (closing whatever is still connected). */
    void drop(List<String> databases) {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new StackFailure("cannot drop " + String.join(", ", databases) + " on " + describe() + ": " + e.getMessage(),
                    "drop them by hand (psql -c 'DROP DATABASE ...')", e);
        }
    }

    String describe() {
        return host + ":" + port + " as " + user;
    }

    /** Not the password. */
    @Override
    public String toString() {
        return describe();
    }

    String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Through the driver itself: no DriverManager registration to depend on. */
    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        Connection connection = new Driver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("the driver does not accept " + jdbcUrl(database));
        }
        return connection;
    }
}
