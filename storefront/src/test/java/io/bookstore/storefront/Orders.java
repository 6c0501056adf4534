package io.bookstore.storefront;

import io.bookstore.testkit.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Calls to the orders service itself, as the payments-gateway makes them: the payment outcome of an order. */
final class Orders {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Orders() {
    }

    /** PATCH /orders/{id} with a final status, as the settler; returns the HTTP status orders answered. */
    static int settle(UUID orderId, String status) {
        String body = "{\"status\":\"" + status + "\",\"payment_id\":\"pi_" + UUID.randomUUID().toString().replace("-", "") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(Downstream.ORDERS.url() + "/orders/" + orderId))
                .header("Authorization", "Bearer " + TestTokens.shared().settler())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("orders did not take the payment outcome", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
