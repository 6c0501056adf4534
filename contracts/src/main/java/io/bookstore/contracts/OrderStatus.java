package io.bookstore.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.Optional;

/** An order's status, lower case on every wire. */
@RegisterForReflection
public enum OrderStatus {
    PENDING_PAYMENT("pending_payment"),
    PAID("paid"),
    PAYMENT_FAILED("payment_failed");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this != PENDING_PAYMENT;
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    @JsonCreator
    static OrderStatus parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("unknown order status: " + value));
    }
}
