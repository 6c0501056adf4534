package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.HttpHeaders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One rate step of the checkout scenario: fires the checkouts, records each answer and,
 * when Kafka is watched, each order's final event, all from the scheduled send time.
 */
final class CheckoutStep {

    static final String CHECKOUT = "checkout";
    static final String PAID = "checkout→paid";
    static final String PAYMENT_FAILED = "checkout→payment_failed";

    static final String PAYMENT_FAILED_WITH_SUCCEEDING_CARD = "payment_failed with a succeeding card";
    static final String PAID_WITH_DECLINING_CARD = "paid with a declining card";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepWindow window;
    private final HttpClient client;
    private final URI checkoutUri;
    private final Duration timeout;
    private final CheckoutPlanner planner;
    private final ShopperTokens tokens;
    private final Optional<FinalStatusTracker> tracker;

    private final LatencyRecorder answered = new LatencyRecorder();
    private final LatencyRecorder answeredWarmup = new LatencyRecorder();
    private final LatencyRecorder paid = new LatencyRecorder();
    private final LatencyRecorder paidWarmup = new LatencyRecorder();
    private final LatencyRecorder failed = new LatencyRecorder();
    private final LatencyRecorder failedWarmup = new LatencyRecorder();
    private final ErrorTally httpErrors = new ErrorTally();
    private final ErrorTally warmupErrors = new ErrorTally();
    private final ErrorTally paidErrors = new ErrorTally();
    private final ErrorTally failedErrors = new ErrorTally();
    private final WindowCounter answeredInWindow;
    private final WindowCounter paidInWindow;
    private final WindowCounter failedInWindow;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong measuredInFlight = new AtomicLong();
    private final LongAdder acceptedWithDecliningCard = new LongAdder();

    CheckoutStep(StepWindow window, HttpClient client, String baseUrl, Duration timeout, CheckoutPlanner planner,
                 ShopperTokens tokens, boolean trackFinalStatus) {
        this.window = window;
        this.client = client;
        this.checkoutUri = URI.create(baseUrl + "/api/v2/checkout");
        this.timeout = timeout;
        this.planner = planner;
        this.tokens = tokens;
        this.tracker = trackFinalStatus ? Optional.of(new FinalStatusTracker(this::finalStatus)) : Optional.empty();
        this.answeredInWindow = new WindowCounter(window);
        this.paidInWindow = new WindowCounter(window);
        this.failedInWindow = new WindowCounter(window);
    }

    /** Where the Kafka listener delivers final events while this step is current. */
    Optional<FinalStatusTracker> tracker() {
        return tracker;
    }

    void fire(OpenLoop.Send send) {
        CheckoutPlanner.Plan plan = planner.next(send.index());
        HttpRequest request = request(checkoutUri, timeout, plan, tokens);
        inFlight.incrementAndGet();
        if (send.measured()) {
            measuredInFlight.incrementAndGet();
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                answered(send, plan, response, failure, System.nanoTime());
            } finally {
                if (send.measured()) {
                    measuredInFlight.decrementAndGet();
                }
                inFlight.decrementAndGet();
            }
        });
    }

    /** The checkout of a plan, as a shopper's client sends it: the load user's token, a fresh Idempotency-Key. */
    static HttpRequest request(URI checkoutUri, Duration timeout, CheckoutPlanner.Plan plan, ShopperTokens tokens) {
        return HttpRequest.newBuilder(checkoutUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", tokens.authorization(plan.tenant()))
                .header(HttpHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(plan.body()))
                .build();
    }

    private void answered(OpenLoop.Send send, CheckoutPlanner.Plan plan, HttpResponse<String> response, Throwable failure, long now) {
        ErrorTally errors = send.measured() ? httpErrors : warmupErrors;
        if (failure != null) {
            errors.add(ErrorKinds.of(failure));
            return;
        }
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            errors.add(ErrorKinds.of(response));
            return;
        }
        Optional<String> orderId = orderId(response.body());
        if (orderId.isEmpty()) {
            errors.add("HTTP " + response.statusCode() + " without order_id");
            return;
        }
        (send.measured() ? answered : answeredWarmup).record(send.scheduledTime(), now);
        answeredInWindow.completedAt(now);
        if (send.measured() && plan.expectDecline()) {
            acceptedWithDecliningCard.increment();
        }
        tracker.ifPresent(t -> t.expect(orderId.get(),
                new FinalStatusTracker.Pending(send.scheduledTime(), plan.expectDecline(), send.measured())));
    }

    static Optional<String> orderId(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("order_id");
            return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (Exception notJson) {
            return Optional.empty();
        }
    }

    /**
     * The histogram follows the outcome; a mismatch with the card also counts as an error
     * of the measure the card was meant for.
     */
    private void finalStatus(FinalStatusTracker.Pending checkout, FinalStatusTracker.Outcome outcome, long receivedAt) {
        if (outcome == FinalStatusTracker.Outcome.PAID) {
            paidInWindow.completedAt(receivedAt);
            (checkout.measured() ? paid : paidWarmup).record(checkout.scheduledTime(), receivedAt);
            if (checkout.measured() && checkout.expectDecline()) {
                failedErrors.add(PAID_WITH_DECLINING_CARD);
            }
        } else {
            failedInWindow.completedAt(receivedAt);
            (checkout.measured() ? failed : failedWarmup).record(checkout.scheduledTime(), receivedAt);
            if (checkout.measured() && !checkout.expectDecline()) {
                paidErrors.add(PAYMENT_FAILED_WITH_SUCCEEDING_CARD);
            }
        }
    }

    /** Waits for the answers (they time out on their own) and then, until {@code end + timeout}, for the final events. */
    void awaitCompletion() throws InterruptedException {
        long answersDeadline = window.end() + timeout.toNanos() + 2_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < answersDeadline) {
            Thread.sleep(20);
        }
        httpErrors.add("no answer within " + Durations.format(timeout), measuredInFlight.get());
        if (tracker.isEmpty()) {
            return;
        }
        long finalDeadline = window.end() + timeout.toNanos();
        while (tracker.get().outstanding() > 0 && System.nanoTime() < finalDeadline) {
            Thread.sleep(20);
        }
        String noFinal = "no final status within " + Durations.format(timeout);
        for (FinalStatusTracker.Pending left : tracker.get().abandonOutstanding()) {
            if (left.measured()) {
                (left.expectDecline() ? failedErrors : paidErrors).add(noFinal);
            }
        }
    }

    StepResult result(int number, Duration warmup, Duration duration, OpenLoop.ScheduleStats schedule,
            Optional<BucketQuantiles.Estimate> publishLag, Duration timeout) {
        List<MeasureResult> measures = new ArrayList<>();
        measures.add(new MeasureResult(CHECKOUT, answered.snapshot(), answeredWarmup.snapshot(),
                answeredInWindow.perSecond(), httpErrors.snapshot()));
        Map<String, Object> details = new LinkedHashMap<>();
        long sent = schedule.measuredSent();
        long accepted = answered.snapshot().getTotalCount();
        details.put("checkouts_sent", sent);
        details.put("checkouts_accepted", accepted);
        details.put("warmup_errors", warmupErrors.snapshot());
        List<String> notes = new ArrayList<>();
        notes.add(String.format("checkouts: %d sent in the measured window, %d accepted; warm-up: %d sent, %d errors",
                sent, accepted, schedule.sent() - sent, warmupErrors.snapshot().values().stream().mapToLong(Long::longValue).sum()));
        if (tracker.isPresent()) {
            MeasureResult paidResult = new MeasureResult(PAID, paid.snapshot(), paidWarmup.snapshot(),
                    paidInWindow.perSecond(), paidErrors.snapshot());
            MeasureResult failedResult = new MeasureResult(PAYMENT_FAILED, failed.snapshot(), failedWarmup.snapshot(),
                    failedInWindow.perSecond(), failedErrors.snapshot());
            measures.add(paidResult);
            if (acceptedWithDecliningCard.sum() > 0 || failedResult.count() > 0 || failedResult.errorCount() > 0) {
                measures.add(failedResult);
            }
            long declining = acceptedWithDecliningCard.sum();
            long wrongPaid = failedErrors.snapshot().getOrDefault(PAID_WITH_DECLINING_CARD, 0L);
            long wrongFailed = paidErrors.snapshot().getOrDefault(PAYMENT_FAILED_WITH_SUCCEEDING_CARD, 0L);
            String noFinal = "no final status within " + Durations.format(timeout);
            long missing = paidErrors.snapshot().getOrDefault(noFinal, 0L) + failedErrors.snapshot().getOrDefault(noFinal, 0L);
            details.put("paid", paidResult.count());
            details.put("payment_failed", failedResult.count());
            details.put("accepted_with_declining_card", declining);
            details.put("paid_with_declining_card", wrongPaid);
            details.put("payment_failed_with_succeeding_card", wrongFailed);
            details.put("no_final_status", missing);
            notes.add(String.format("final status: %d paid, %d payment_failed (expected %d: accepted with a declining card);"
                    + " %d paid with a declining card, %d failed with a succeeding card, %d %s",
                    paidResult.count(), failedResult.count(), declining, wrongPaid, wrongFailed, missing, noFinal));
        } else {
            notes.add("final status not followed (--kafka none)");
        }
        return new StepResult(number, window.rate(), warmup, duration, schedule, measures, publishLag, notes, details);
    }
}
