package io.bookstore.psp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.Faults;
import io.bookstore.psp.domain.WebhookEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Delivers events to the configured endpoint, in the background and in order per intent:
 * each event (and each of its copies) is retried with exponential backoff until the
 * endpoint answers 2xx or the attempts run out, before the next one starts.
 *
 * <p>The JDK HTTP client sends exactly the headers set here: no trace context leaves the
 * simulator, as none leaves a real provider. Sending is asynchronous and waits are Mutiny
 * timers, so nothing here blocks the thread it runs on (an event loop included).
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    /** The types a Stripe endpoint for this platform subscribes to; {@code payment_intent.created} only comes out of order. */
    private static final Set<String> SUBSCRIBED = Set.of(WebhookEvent.PAYMENT_INTENT_SUCCEEDED, WebhookEvent.PAYMENT_INTENT_PAYMENT_FAILED);
    private static final String USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";

    private final PspConfig.Webhook config;
    private final ObjectMapper json;
    private final WebhookMetrics metrics;
    private final HttpClient http;

    public WebhookSender(PspConfig config, ObjectMapper json, WebhookMetrics metrics) {
        this.config = config.webhook();
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.timeout())
                .build();
    }

    /**
     * Sends the subscribed events of one intent change, in the order given, after the delay
     * knob; the duplicate, out-of-order and drop knobs decide what goes out. Returns at once.
     */
    public void dispatch(List<WebhookEvent> events, Faults faults) {
        List<WebhookEvent> deliveries = plan(events, faults.webhookDuplicates(), Faults.draw(faults.webhookOutOfOrderRate()));
        if (deliveries.isEmpty()) {
            return;
        }
        if (Faults.draw(faults.webhookDropRate())) {
            deliveries.forEach(event -> metrics.dropped(event.type()));
            LOG.infof("Dropping %d webhook deliveries of %s (drop knob)", deliveries.size(), deliveries.get(0).intent().id());
            return;
        }
        Uni<Void> start = faults.webhookDelay().isZero()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(faults.webhookDelay());
        start.onItem().transformToMulti(ignored -> Multi.createFrom().iterable(deliveries))
                .onItem().transformToUniAndConcatenate(this::deliver)
                .subscribe().with(
                        delivered -> { },
                        failure -> LOG.error("Webhook deliveries stopped unexpectedly", failure));
    }

    /** The deliveries in order: each subscribed event and its copies, then, out of order, the creation event. */
    static List<WebhookEvent> plan(List<WebhookEvent> events, int duplicates, boolean outOfOrder) {
        List<WebhookEvent> deliveries = new ArrayList<>();
        for (WebhookEvent event : events) {
            if (SUBSCRIBED.contains(event.type())) {
                deliveries.addAll(Collections.nCopies(duplicates + 1, event));
            }
        }
        if (outOfOrder && !deliveries.isEmpty()) {
            for (WebhookEvent event : events) {
                if (event.type().equals(WebhookEvent.PAYMENT_INTENT_CREATED)) {
                    deliveries.addAll(Collections.nCopies(duplicates + 1, event));
                }
            }
        }
        return deliveries;
    }

    /** The wait after the given number of failed attempts: initial, doubled each time, capped. */
    static Duration backoff(Duration initial, Duration max, int failedAttempts) {
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Completes with true once delivered, false once given up; never fails. */
    private Uni<Boolean> deliver(WebhookEvent event) {
        return Uni.createFrom().item(() -> render(event))
                .onItem().transformToUni(body -> attempt(event, body, 1));
    }

    private Uni<Boolean> attempt(WebhookEvent event, String body, int attempt) {
        // The supplier runs on every subscription, so each attempt is signed with a fresh timestamp.
        return Uni.createFrom().completionStage(() -> http.sendAsync(request(body), HttpResponse.BodyHandlers.discarding()))
                .onItem().transform(response -> {
                    if (response.statusCode() < 200 || response.statusCode() > 299) {
                        throw new DeliveryFailed("HTTP " + response.statusCode());
                    }
                    return true;
                })
                .onItem().invoke(() -> {
                    metrics.delivered(event.type());
                    LOG.debugf("Delivered %s %s for %s (attempt %d)", event.type(), event.id(), event.intent().id(), attempt);
                })
                .onFailure().recoverWithUni(failure -> retry(event, body, attempt, failure));
    }

    private Uni<Boolean> retry(WebhookEvent event, String body, int failedAttempts, Throwable failure) {
        metrics.failedAttempt(event.type());
        String reason = failure instanceof DeliveryFailed ? failure.getMessage() : failure.toString();
        if (failedAttempts >= config.maxAttempts()) {
            metrics.gaveUp(event.type());
            LOG.warnf("Gave up delivering %s %s for %s to %s after %d attempts (last: %s)",
                    event.type(), event.id(), event.intent().id(), config.url(), failedAttempts, reason);
            return Uni.createFrom().item(false);
        }
        Duration wait = backoff(config.initialBackoff(), config.maxBackoff(), failedAttempts);
        LOG.infof("Delivering %s %s for %s failed on attempt %d (%s); retrying in %d ms",
                event.type(), event.id(), event.intent().id(), failedAttempts, reason, wait.toMillis());
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                .onItem().transformToUni(ignored -> attempt(event, body, failedAttempts + 1));
    }

    private HttpRequest request(String body) {
        long timestamp = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.HEADER, WebhookSignature.header(config.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private String render(WebhookEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render event " + event.id(), e);
        }
    }

    /** A non-2xx answer: retried like a connection failure, logged without a stack trace. */
    private static final class DeliveryFailed extends RuntimeException {

        DeliveryFailed(String message) {
            super(message, null, false, false);
        }
    }
}
