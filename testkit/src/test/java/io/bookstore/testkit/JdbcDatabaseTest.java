package io.bookstore.testkit;

import io.bookstore.contracts.Isbn;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcDatabaseTest {

    @Test
    void writesAndReadsBackWhatIsCommitted() {
        PostgresDatabase postgres = PostgresDatabase.create("bookstore_testkit");
        try {
            JdbcDatabase database = new JdbcDatabase(postgres.jdbcUrl(), postgres.username(), postgres.password());
            database.update("CREATE TABLE books (isbn TEXT PRIMARY KEY, stock INT NOT NULL)");
            String first = Isbns.next();
            String second = Isbns.next();
            assertThat(database.update("INSERT INTO books VALUES (?, ?), (?, ?)", first, 3, second, 5)).isEqualTo(2);

            assertThat(database.count("SELECT count(*) FROM books")).isEqualTo(2);
            assertThat(database.queryString("SELECT isbn FROM books WHERE stock = ?", 5)).contains(second);
            assertThat(database.queryString("SELECT isbn FROM books WHERE stock = ?", 7)).isEmpty();
            assertThat(database.map("SELECT isbn, stock FROM books ORDER BY stock", row -> row.getString(1), row -> row.getInt(2)))
                    .containsExactly(Map.entry(first, 3), Map.entry(second, 5));
            assertThat(database.rows("SELECT * FROM books WHERE isbn = ?", first))
                    .containsExactly(Map.of("isbn", first, "stock", 3));
            assertThat(database.name()).isEqualTo(postgres.name());
            assertThat(database.onDatabase("postgres").count("SELECT count(*) FROM pg_database WHERE datname = ?", postgres.name()))
                    .isEqualTo(1);
        } finally {
            postgres.drop();
        }
    }

    @Test
    void freshIsbnsAreValidAndDistinct() {
        assertThat(IntStream.range(0, 1000).mapToObj(i -> Isbns.next()))
                .allMatch(Isbn::isValid)
                .allMatch(isbn -> isbn.startsWith("979-8-"))
                .doesNotHaveDuplicates();
    }
}
