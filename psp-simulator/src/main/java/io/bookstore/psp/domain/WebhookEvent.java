package io.bookstore.psp.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** Stripe's Event object: what a webhook delivers. Copies and retries of one event share its id. */
@JsonPropertyOrder({"id", "object", "api_version", "created", "data", "livemode", "pending_webhooks", "request", "type"})
// WebhookSender writes it with an ObjectMapper, which a native image can only do for registered types.
@RegisterForReflection
public record WebhookEvent(String id, String apiVersion, long created, Data data, Request request, String type) {

    /** The API version events are rendered in; clients pin theirs to it. */
    public static final String API_VERSION = "2024-06-20";

    public static final String PAYMENT_INTENT_CREATED = "payment_intent.created";
    public static final String PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_INTENT_PAYMENT_FAILED = "payment_intent.payment_failed";

    public static WebhookEvent of(String type, PaymentIntent intent, long createdEpochSecond, String requestId,
                                  Optional<String> idempotencyKey) {
        return new WebhookEvent(Ids.event(), API_VERSION, createdEpochSecond, new Data(intent),
                new Request(requestId, idempotencyKey.orElse(null)), type);
    }

    @JsonProperty("object")
    public String object() {
        return "event";
    }

    @JsonProperty("livemode")
    public boolean livemode() {
        return false;
    }

    /** One endpoint is configured, so every event waits for exactly one. */
    @JsonProperty("pending_webhooks")
    public int pendingWebhooks() {
        return 1;
    }

    public PaymentIntent intent() {
        return data.object();
    }

    /** The object the event is about, as it was when the event happened. */
    public record Data(PaymentIntent object) {
    }

    /** The API request that caused the event. */
    public record Request(String id, String idempotencyKey) {
    }
}
