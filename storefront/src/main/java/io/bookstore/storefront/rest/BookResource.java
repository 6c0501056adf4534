package io.bookstore.storefront.rest;

import io.bookstore.kit.http.ValidIsbn;
import io.bookstore.kit.http.WholeNumber;
import io.bookstore.storefront.client.Book;
import io.bookstore.storefront.client.CatalogClient;
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

/** The catalog, for every tenant alike and for anyone: no token is needed, and none is looked at. */
@Path("/api/v2/books")
@Produces(MediaType.APPLICATION_JSON)
public class BookResource {

    private final CatalogClient catalog;

    public BookResource(CatalogClient catalog) {
        this.catalog = catalog;
    }

    /**
     * A page in ISBN order, or with a search text {@code q} a page of the books catalog finds
     * by title, author or ISBN, in title order. The bounds are catalog's, checked here so that
     * a bad one names the parameter and costs no call.
     */
    @GET
    public Uni<List<Book>> page(@QueryParam("q") @Size(max = 100) String q,
                                @QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit,
                                @QueryParam("offset") @DefaultValue("0") @WholeNumber(min = 0, max = 1_000_000) String offset) {
        return catalog.page(q, Integer.parseInt(limit), Integer.parseInt(offset));
    }

    /** 200 with the book; 404 when catalog has none with this ISBN. */
    @GET
    @Path("/{isbn}")
    public Uni<Book> book(@PathParam("isbn") @ValidIsbn String isbn) {
        return catalog.book(isbn);
    }
}
