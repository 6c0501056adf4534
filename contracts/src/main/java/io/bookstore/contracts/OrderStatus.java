package io.bookstore.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** An order's status, lower case on every wire. */
@RegisterForReflection
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    PAYMENT_FAILED;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    public boolean isFinal() {
        return this != PENDING_PAYMENT;
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return WireNames.find(values(), value);
    }

    @JsonCreator
    static OrderStatus parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("unknown order status: " + value));
    }
}
