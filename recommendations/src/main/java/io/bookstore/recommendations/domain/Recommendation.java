package io.bookstore.recommendations.domain;

/** One recommended book: its ISBN as 13 digits, and a score whose meaning the reason gives. */
public record Recommendation(String isbn, long score, Reason reason) {
}
