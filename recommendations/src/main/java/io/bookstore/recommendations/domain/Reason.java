package io.bookstore.recommendations.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a book is recommended, and so what its score counts. */
public enum Reason {
    /** Bought in the same orders as the requested book; the score counts those orders. */
    BOUGHT_TOGETHER("bought_together"),
    /** Among the tenant's best sellers; the score counts the copies sold. */
    POPULAR("popular");

    private final String wire;

    Reason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
