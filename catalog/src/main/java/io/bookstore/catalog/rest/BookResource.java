package io.bookstore.catalog.rest;

import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.service.BookService;
import io.bookstore.kit.http.ValidIsbn;
import io.bookstore.kit.http.WholeNumber;
import io.smallrye.mutiny.Uni;
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

    private final BookService books;

    public BookResource(BookService books) {
        this.books = books;
    }

    /**
     * With {@code isbn} parameters: the books among them that exist (unknown ones are left
     * out). Without: a page of the catalog in ISBN order.
     */
    @GET
    public Uni<List<Book>> find(@QueryParam("isbn") @Size(max = 100) List<@ValidIsbn String> isbn,
                                @QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit,
                                @QueryParam("offset") @DefaultValue("0") @WholeNumber(min = 0, max = 1_000_000) String offset) {
        return isbn.isEmpty() ? books.page(Integer.parseInt(limit), Integer.parseInt(offset)) : books.findAll(isbn);
    }

    @GET
    @Path("/{isbn}")
    public Uni<Book> get(@PathParam("isbn") @ValidIsbn String isbn) {
        return books.get(isbn);
    }
}
