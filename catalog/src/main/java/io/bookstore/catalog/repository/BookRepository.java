package io.bookstore.catalog.repository;

import io.bookstore.catalog.domain.Book;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code books} table. ISBNs passed in are digits only; the rows carry the hyphenated form. */
@ApplicationScoped
public class BookRepository {

    private static final String COLUMNS = "isbn, title, author, price_cents, currency, stock";

    public Uni<List<Book>> findByDigits(SqlConnection conn, Collection<String> digits) {
        // Matches the expression index books_isbn_digits_unique.
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM books WHERE replace(isbn, '-', '') = ANY($1)")
                .execute(Tuple.tuple().addArrayOfString(digits.toArray(String[]::new)))
                .map(BookRepository::books);
    }

    public Uni<List<Book>> page(SqlConnection conn, int limit, int offset) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM books WHERE title <> $3 ORDER BY isbn LIMIT $1 OFFSET $2")
                .execute(Tuple.of(limit, offset, Book.FORCED_FAILURE_TITLE))
                .map(BookRepository::books);
    }

    /**
     * Books whose lower-cased title or author contains {@code text} lower-cased, or whose ISBN
     * digits contain {@code isbnDigits} (null: none do), in title, then ISBN order. The text
     * matches literally: its {@code %}, {@code _} and {@code \} are escaped.
     */
    public Uni<List<Book>> search(SqlConnection conn, String text, String isbnDigits, int limit, int offset) {
        // The three LIKEs are on the expressions of V7's trigram indexes, so the OR is a BitmapOr
        // of index scans. A null $3 is false and scans nothing.
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM books WHERE title <> $1"
                        + " AND (lower(title) LIKE lower($2) ESCAPE '\\' OR lower(author) LIKE lower($2) ESCAPE '\\'"
                        + " OR replace(isbn, '-', '') LIKE $3)"
                        + " ORDER BY title, isbn LIMIT $4 OFFSET $5")
                .execute(Tuple.of(Book.FORCED_FAILURE_TITLE, containing(text), isbnDigits == null ? null : containing(isbnDigits), limit, offset))
                .map(BookRepository::books);
    }

    /**
     * Takes {@code qty} copies if that many are in stock. The condition is re-checked on the
     * locked row, so concurrent takes can never drive the stock below zero.
     */
    public Uni<Boolean> take(SqlConnection conn, String isbn, int qty) {
        return conn.preparedQuery("UPDATE books SET stock = stock - $2 WHERE isbn = $1 AND stock >= $2")
                .execute(Tuple.of(isbn, qty))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> putBack(SqlConnection conn, String isbn, int qty) {
        return conn.preparedQuery("UPDATE books SET stock = stock + $2 WHERE isbn = $1")
                .execute(Tuple.of(isbn, qty))
                .replaceWithVoid();
    }

    /** A LIKE pattern for values that contain {@code text} as written. */
    private static String containing(String text) {
        String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + literal + "%";
    }

    private static List<Book> books(RowSet<Row> rows) {
        List<Book> books = new ArrayList<>(rows.size());
        for (Row row : rows) {
            books.add(new Book(
                    row.getString("isbn"),
                    row.getString("title"),
                    row.getString("author"),
                    row.getLong("price_cents"),
                    row.getString("currency"),
                    row.getInteger("stock")));
        }
        return books;
    }
}
