package io.bookstore.loadgen;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Raises the stock of the books a run buys. The seed gives each book 25–500 copies, so a
 * long run at a few hundred checkouts a second would soon measure nothing but 409
 * insufficient-stock; catalog's own table is the only way to refill it.
 */
final class Restock {

    static final int STOCK = 10_000_000;

    private Restock() {
    }

    /** @return the number of books whose stock was set */
    static int restock(String jdbcUrl, String user, String password, List<Book> books) {
        try (Connection connection = Databases.connect(jdbcUrl, user, password);
                PreparedStatement update = connection.prepareStatement("UPDATE books SET stock = ? WHERE isbn = ANY (?)")) {
            Array isbns = connection.createArrayOf("text", books.stream().map(Book::isbn).toArray());
            update.setInt(1, STOCK);
            update.setArray(2, isbns);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restock the books in " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }
}
