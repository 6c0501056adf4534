package io.bookstore.psp.domain;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The validated parameters of {@code POST /v1/payment_intents}. */
public record NewIntent(long amount,
                        String currency,
                        Optional<String> paymentMethod,
                        boolean confirm,
                        SortedMap<String, String> metadata,
                        Optional<String> description,
                        List<String> paymentMethodTypes) {

    public NewIntent {
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        paymentMethodTypes = List.copyOf(paymentMethodTypes);
    }
}
