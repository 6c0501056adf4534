package io.bookstore.payments;

import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Spans;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One checkout is one trace: the consume span continues the record's {@code traceparent}; the
 * PSP echoes the trace in the intent's metadata, so the webhook's SERVER span, the settler's
 * work and the PATCH to orders under them stay in that trace, and no webhook starts a new one.
 */
@QuarkusTest
class TracingTest {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final String WEBHOOK = "/webhooks/psp";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theWebhookAndItsPatchToOrdersContinueTheTraceOfTheOrderEvent() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        String traceId = OrderEvents.hex(16);
        String publisherSpanId = OrderEvents.hex(8);

        publish(order, traceId, publisherSpanId);

        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> trace = trace(traceId);
            SpanData consume = single(trace, span -> span.getKind() == SpanKind.CONSUMER);
            assertThat(consume.getParentSpanId()).as("the consume span continues the record's traceparent").isEqualTo(publisherSpanId);
            SpanData create = single(trace, span -> span.getKind() == SpanKind.CLIENT && "POST".equals(span.getAttributes().get(METHOD)));
            assertThat(create.getParentSpanId()).as("the PSP call is made in the consume span").isEqualTo(consume.getSpanId());
            SpanData webhook = single(trace, span -> span.getKind() == SpanKind.SERVER && WEBHOOK.equals(span.getAttributes().get(ROUTE)));
            assertThat(webhook.getParentSpanId()).as("parent from the intent's metadata").isEqualTo(consume.getSpanId());
            SpanData patch = single(trace, span -> span.getKind() == SpanKind.CLIENT && "PATCH".equals(span.getAttributes().get(METHOD)));
            assertThat(patch.getParentSpanId()).as("orders is told inside the webhook's span").isEqualTo(webhook.getSpanId());
        });
        assertThat(spans.getFinishedSpanItems()).as("no webhook span starts a trace of its own")
                .filteredOn(TracingTest::isWebhookServerSpan)
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.getParentSpanContext().isValid()).as(span.toString()).isTrue());
    }

    @Test
    void theSettlerPollsAndReportsInsideTheTraceOfTheOrderEvent() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.pspKnobs(order, Map.of("psp_webhook_drop_rate", "1"));
        String traceId = OrderEvents.hex(16);

        publish(order, traceId, OrderEvents.hex(8));

        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> trace = trace(traceId);
            SpanData consume = single(trace, span -> span.getKind() == SpanKind.CONSUMER);
            List<SpanData> settles = trace.stream().filter(span -> span.getName().equals(Spans.SETTLE_PAYMENT)).toList();
            assertThat(settles).isNotEmpty().allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(consume.getSpanId()));
            SpanData retrieve = single(trace, span -> span.getKind() == SpanKind.CLIENT && "GET".equals(span.getAttributes().get(METHOD)));
            SpanData patch = single(trace, span -> span.getKind() == SpanKind.CLIENT && "PATCH".equals(span.getAttributes().get(METHOD)));
            assertThat(settles).extracting(SpanData::getSpanId).contains(retrieve.getParentSpanId(), patch.getParentSpanId());
        });
    }

    private static void publish(Order order, String traceId, String parentSpanId) {
        Map<String, String> headers = OrderEvents.headers(order, EventTypes.ORDER_CREATED);
        headers.put(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpanId + "-01");
        OrderEvents.publish(order.id().toString(), OrderEvents.orderCreated(order), headers);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData single(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("exactly one such span in " + spans).hasSize(1);
        return matching.get(0);
    }

    private static boolean isWebhookServerSpan(SpanData span) {
        return span.getKind() == SpanKind.SERVER
                && (WEBHOOK.equals(span.getAttributes().get(ROUTE)) || WEBHOOK.equals(span.getAttributes().get(PATH)));
    }
}
