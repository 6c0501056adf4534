package io.bookstore.payments.domain;

import java.util.Map;
import java.util.UUID;

/** What an {@code order.created} event asks to charge, and the trace it arrived in. */
public record NewPayment(UUID orderId, String tenant, long amountCents, String currency, String paymentMethod,
                         Map<String, String> traceContext) {

    public NewPayment {
        traceContext = Map.copyOf(traceContext);
    }
}
