package io.bookstore.psp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test webhook receiver ({@link WebhookReceiverResource}) has got so far, read over
 * HTTP. Declaring the resource here starts it for every test class.
 */
@QuarkusTestResource(WebhookReceiverResource.class)
final class Receiver {

    /** Long enough for a copy or a redelivery still on its way to arrive. */
    private static final Duration QUIET = Duration.ofMillis(800);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Receiver() {
    }

    static String secret() {
        return ConfigProvider.getConfig().getValue("bookstore.psp.webhook.secret", String.class);
    }

    static List<Delivery> all() {
        String webhookUrl = ConfigProvider.getConfig().getValue("bookstore.psp.webhook.url", String.class);
        URI received = URI.create(webhookUrl.replace(WebhookReceiverResource.PATH, "/received"));
        try {
            String body = HTTP.send(HttpRequest.newBuilder(received).build(), HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readValue(body, new TypeReference<List<Delivery>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("The webhook receiver does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deliveries about one intent, in arrival order. */
    static List<Delivery> forIntent(String intentId) {
        return all().stream().filter(delivery -> delivery.intent().path("id").asText().equals(intentId)).toList();
    }

    /** Waits until at least {@code count} deliveries about the intent arrived, and returns them all. */
    static List<Delivery> await(String intentId, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> forIntent(intentId).size() >= count);
        return forIntent(intentId);
    }

    /** Waits for the intent's first delivery, then long enough for a second to show: there must be none. */
    static Delivery awaitTheOnlyDelivery(String intentId) {
        Delivery delivery = await(intentId, 1).get(0);
        settle();
        assertThat(forIntent(intentId)).hasSize(1);
        return delivery;
    }

    /** Waits {@link #QUIET}, long enough for anything still on its way (copies go out back to back) to arrive. */
    static void settle() {
        settle(QUIET);
    }

    /** Waits {@code window} for anything still on its way to arrive. */
    static void settle(Duration window) {
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
