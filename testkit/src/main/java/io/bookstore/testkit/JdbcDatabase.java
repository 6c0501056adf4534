package io.bookstore.testkit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A service's database as a test reads and prepares it over JDBC, so that assertions see
 * what was committed, not what the service says about it.
 */
public record JdbcDatabase(String url, String username, String password) {

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public JdbcDatabase {
        password = password == null ? "" : password;
    }

    /**
     * The database of the running Quarkus test application ({@code quarkus.datasource.jdbc.url},
     * {@code .username}, {@code .password}), as {@link PostgresResource} set it.
     */
    public static JdbcDatabase ofDatasource() {
        Config config = ConfigProvider.getConfig();
        return new JdbcDatabase(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** The same server and credentials, another database on it (for example {@code postgres}). */
    public JdbcDatabase onDatabase(String name) {
        return new JdbcDatabase(url.substring(0, url.lastIndexOf('/') + 1) + name, username, password);
    }

    /** The database's name, the last part of its URL. */
    public String name() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /**
     * Straight through the driver, not {@code DriverManager}: a Quarkus test that restarts
     * the application loads the test classes again in a new class loader, and
     * {@code DriverManager} refuses a driver registered by another one.
     */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return new Driver().connect(url, properties);
    }

    /** Runs one statement with positional parameters; returns the update count (0 for other statements). */
    public int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.execute() ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Every row the query selects, each read by {@code mapper}. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Key → value of every row the query selects, in the order the rows come. */
    public <K, V> Map<K, V> map(String sql, RowMapper<K> key, RowMapper<V> value, Object... parameters) {
        Map<K, V> result = new LinkedHashMap<>();
        list(sql, row -> Map.entry(key.map(row), value.map(row)), parameters)
                .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    /** The first row the query selects, read by {@code mapper}; empty when there is none. */
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** The number in the first column of the first row; empty when there is no row. */
    public Optional<Long> queryLong(String sql, Object... parameters) {
        return first(sql, row -> row.getLong(1), parameters);
    }

    /** The text in the first column of the first row; empty when there is no row or it is null. */
    public Optional<String> queryString(String sql, Object... parameters) {
        return first(sql, row -> row.getString(1), parameters);
    }

    /** The number a query such as {@code SELECT count(*) …} selects. */
    public long count(String sql, Object... parameters) {
        return queryLong(sql, parameters).orElseThrow(() -> new IllegalStateException("no row from " + sql));
    }

    /** Every row the query selects, column name → value, in column order. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        return list(sql, row -> {
            ResultSetMetaData columns = row.getMetaData();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                values.put(columns.getColumnName(i), row.getObject(i));
            }
            return values;
        }, parameters);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
