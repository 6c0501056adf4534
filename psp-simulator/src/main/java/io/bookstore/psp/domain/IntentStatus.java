package io.bookstore.psp.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The PaymentIntent statuses the simulator reaches; card payments never need an action or capture here. */
public enum IntentStatus {
    REQUIRES_PAYMENT_METHOD,
    REQUIRES_CONFIRMATION,
    SUCCEEDED,
    CANCELED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stripe lets a client confirm an intent that waits for confirmation, or retry one whose payment failed. */
    public boolean confirmable() {
        return this != SUCCEEDED && this != CANCELED;
    }

    /** Stripe cancels any intent that has not succeeded and is not canceled already; the card is then never charged. */
    public boolean cancelable() {
        return confirmable();
    }
}
