package io.bookstore.catalog.service;

import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.domain.BookNotFoundException;
import io.bookstore.catalog.repository.BookRepository;
import io.bookstore.contracts.Isbn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads books. Callers may spell an ISBN with or without hyphens; both find the same book. */
@ApplicationScoped
public class BookService {

    /** Digits and hyphens with at least three digits: part of an ISBN, as printed or as digits. */
    private static final Pattern ISBN_FRAGMENT = Pattern.compile("-*(?:[0-9]-*){3,}");

    private final Pool pool;
    private final BookRepository books;

    public BookService(Pool pool, BookRepository books) {
        this.pool = pool;
        this.books = books;
    }

    /** The books among {@code isbns} that exist, in the order first asked for, each once. */
    public Uni<List<Book>> findAll(List<String> isbns) {
        Set<String> digits = isbns.stream().map(Isbn::digits).collect(Collectors.toCollection(LinkedHashSet::new));
        return pool.withConnection(conn -> books.findByDigits(conn, digits))
                .map(found -> {
                    Map<String, Book> byDigits = found.stream()
                            .collect(Collectors.toMap(book -> Isbn.digits(book.isbn()), Function.identity()));
                    return digits.stream().map(byDigits::get).filter(Objects::nonNull).toList();
                });
    }

    public Uni<Book> get(String isbn) {
        return pool.withConnection(conn -> books.findByDigits(conn, List.of(Isbn.digits(isbn))))
                .map(found -> found.stream().findFirst().orElseThrow(() -> new BookNotFoundException(isbn)));
    }

    /** Books in ISBN order. */
    public Uni<List<Book>> page(int limit, int offset) {
        return pool.withConnection(conn -> books.page(conn, limit, offset));
    }

    /**
     * Books whose title or author contains {@code text} in any case, or, when the text is part
     * of an ISBN, whose ISBN contains its digits in any spelling; in title, then ISBN order.
     */
    public Uni<List<Book>> search(String text, int limit, int offset) {
        String isbnDigits = ISBN_FRAGMENT.matcher(text).matches() ? Isbn.digits(text) : null;
        return pool.withConnection(conn -> books.search(conn, text, isbnDigits, limit, offset));
    }
}
