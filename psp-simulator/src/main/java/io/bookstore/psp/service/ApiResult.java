package io.bookstore.psp.service;

import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.IntentStatus;
import io.bookstore.psp.domain.PaymentIntent;
import io.bookstore.psp.domain.WebhookEvent;

import java.util.List;

/**
 * What a POST answered: the status and body an idempotent replay repeats, and the events it
 * raised (sent once, by the first execution only).
 */
public record ApiResult(int status, Object body, List<WebhookEvent> events) {

    public ApiResult {
        events = List.copyOf(events);
    }

    /** 200 with the intent when it succeeded or waits; 402 with Stripe's card error when its payment was declined. */
    static ApiResult of(PaymentIntent intent, List<WebhookEvent> events) {
        if (intent.lastPaymentError() != null && intent.status() == IntentStatus.REQUIRES_PAYMENT_METHOD) {
            return new ApiResult(402, new ApiError.Body(intent.lastPaymentError().withPaymentIntent(intent)), events);
        }
        return new ApiResult(200, intent, events);
    }

    /** The part worth keeping for replays: the answer, not the events already handed to the sender. */
    ApiResult withoutEvents() {
        return new ApiResult(status, body, List.of());
    }
}
