package io.bookstore.catalog.domain;

import java.util.List;

/** Some lines of a reservation asked for more copies than are in stock; nothing was reserved. */
public class InsufficientStockException extends RuntimeException {

    public InsufficientStockException(List<String> isbns) {
        super("Not enough stock for " + String.join(", ", isbns));
    }
}
