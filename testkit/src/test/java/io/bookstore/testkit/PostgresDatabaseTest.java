package io.bookstore.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDatabaseTest {

    @Test
    void createsMigratesAndDropsAFreshDatabase(@org.junit.jupiter.api.io.TempDir Path migrations) throws Exception {
        Files.writeString(migrations.resolve("V1__books.sql"), "CREATE TABLE books (isbn TEXT PRIMARY KEY);");
        PostgresDatabase first = PostgresDatabase.create("bookstore_testkit");
        PostgresDatabase second = PostgresDatabase.create("bookstore_testkit");
        assertThat(first.name()).startsWith("bookstore_testkit_test_").isNotEqualTo(second.name());

        first.migrate("filesystem:" + migrations);
        try (Connection connection = first.connect();
                ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM books")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }

        first.drop();
        second.drop();
        PostgresDatabase witness = PostgresDatabase.create("bookstore_testkit");
        try {
            assertThat(exists(witness, first.name())).isFalse();
            assertThat(exists(witness, second.name())).isFalse();
        } finally {
            witness.drop();
        }
    }

    private static boolean exists(PostgresDatabase witness, String database) throws Exception {
        try (Connection connection = witness.connect();
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            return statement.executeQuery().next();
        }
    }
}
