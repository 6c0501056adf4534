package io.bookstore.kit.http;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The query of "bought together", {@code ?isbn=…&limit=…}, as recommendations serves it and
 * storefront passes it on: one set of rules at both doors. A resource takes it as
 * {@code @BeanParam @Valid RecommendationQuery query}; a bad value is named by its parameter.
 */
public class RecommendationQuery {

    public static final int MAX_LIMIT = 50;

    @QueryParam("isbn")
    @NotNull(message = "is required")
    @ValidIsbn
    String isbn;

    @QueryParam("limit")
    @DefaultValue("5")
    @WholeNumber(min = 1, max = MAX_LIMIT)
    String limit;

    public String isbn() {
        return isbn;
    }

    /** How many books at most; valid once Bean Validation passed the query. */
    public int limit() {
        return Integer.parseInt(limit);
    }
}
