package io.bookstore.loadgen;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** JDBC connections to the platform's PostgreSQL databases. */
final class Databases {

    private Databases() {
    }

    /** @throws TargetUnreachableException when the server or the database cannot be reached */
    static Connection connect(String jdbcUrl, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "loadgen");
        try {
            // Straight through the driver: the URL is always PostgreSQL and DriverManager adds nothing.
            Connection connection = new Driver().connect(jdbcUrl, properties);
            if (connection == null) {
                throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            return connection;
        } catch (SQLException e) {
            throw new TargetUnreachableException("PostgreSQL", jdbcUrl, e);
        }
    }
}
