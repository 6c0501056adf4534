package io.bookstore.recommendations.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.bookstore.contracts.WireNames;

/** Why a book is recommended, and so what its score counts. */
public enum Reason {
    /** Bought in the same orders as the requested book; the score counts those orders. */
    BOUGHT_TOGETHER,
    /** Among the tenant's best sellers; the score counts the copies sold. */
    POPULAR;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }
}
