package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The books a run buys, read once from the storefront ({@code GET /api/v2/books?limit=100}). */
final class BookCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BookCatalog() {
    }

    /**
     * @throws TargetUnreachableException when the storefront does not answer at all
     * @throws IllegalStateException when it answers but sells nothing usable
     */
    static List<Book> fetch(HttpClient client, String baseUrl, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/books?limit=100"))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TargetUnreachableException("the storefront", baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        List<Book> books = parse(response.body());
        if (books.isEmpty()) {
            throw new IllegalStateException("GET " + request.uri() + " listed no books: is the catalog seeded?");
        }
        return books;
    }

    static List<Book> parse(String body) {
        try {
            List<Book> books = new ArrayList<>();
            for (JsonNode book : JSON.readTree(body)) {
                books.add(new Book(book.path("isbn").asText(), book.path("price_cents").asLong(), book.path("currency").asText()));
            }
            return books;
        } catch (IOException e) {
            throw new IllegalStateException("the book list is not JSON: " + e.getMessage(), e);
        }
    }
}
