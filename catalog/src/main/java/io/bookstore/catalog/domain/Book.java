package io.bookstore.catalog.domain;

/** A book as sold: the ISBN as printed (hyphenated), its price in minor units and the copies in stock. */
public record Book(String isbn, String title, String author, long priceCents, String currency, int stock) {

    /** The title of the seed's demonstration item (V4__forced_failure_item.sql), kept out of listings. */
    public static final String FORCED_FAILURE_TITLE = "__forced_500__";

    public boolean forcesFailure() {
        return FORCED_FAILURE_TITLE.equals(title);
    }
}
