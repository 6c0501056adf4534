package io.bookstore.psp.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Stripe's list object: one page of intents, newest first, and whether more lie beyond it. */
@JsonPropertyOrder({"object", "url", "has_more", "data"})
@RegisterForReflection
public record PaymentIntentList(boolean hasMore, List<PaymentIntent> data) {

    public PaymentIntentList {
        data = List.copyOf(data);
    }

    @JsonProperty("object")
    public String object() {
        return "list";
    }

    @JsonProperty("url")
    public String url() {
        return "/v1/payment_intents";
    }
}
