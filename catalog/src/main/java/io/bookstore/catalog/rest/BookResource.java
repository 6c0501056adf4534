package io.bookstore.catalog.rest;

import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.service.BookService;
import io.bookstore.kit.http.InvalidRequestException;
import io.bookstore.kit.http.ValidIsbn;
import io.bookstore.kit.http.WholeNumber;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Books and their prices and stock. Not tenant-scoped: every tenant sells the same catalog. */
@Path("/catalog/items")
@Produces(MediaType.APPLICATION_JSON)
public class BookResource {

    /** PostgreSQL's text cannot hold a NUL character: refused here rather than failing in the database. */
    private static final String NO_NUL = "[^\\x00]*";
    private static final String NO_NUL_MESSAGE = "must not contain a NUL character";

    private final BookService books;

    public BookResource(BookService books) {
        this.books = books;
    }

    /**
     * With {@code isbn} parameters: the books among them that exist (unknown ones are left
     * out). With a search text {@code q}: a page of the books it finds, in title order.
     * Without either: a page of the catalog in ISBN order. A blank {@code q} is no search.
     */
    @GET
    public Uni<List<Book>> find(@QueryParam("isbn") @Size(max = 100) List<@ValidIsbn String> isbn,
                                @QueryParam("q") @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String q,
                                @QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit,
                                @QueryParam("offset") @DefaultValue("0") @WholeNumber(min = 0, max = 1_000_000) String offset) {
        String text = q == null ? "" : q.strip();
        if (!isbn.isEmpty()) {
            if (!text.isEmpty()) {
                throw new InvalidRequestException("q", "must not be sent together with isbn: search by text or look books up by ISBN");
            }
            return books.findAll(isbn);
        }
        int pageLimit = Integer.parseInt(limit);
        int pageOffset = Integer.parseInt(offset);
        return text.isEmpty() ? books.page(pageLimit, pageOffset) : books.search(text, pageLimit, pageOffset);
    }

    @GET
    @Path("/{isbn}")
    public Uni<Book> get(@PathParam("isbn") @ValidIsbn String isbn) {
        return books.get(isbn);
    }
}
