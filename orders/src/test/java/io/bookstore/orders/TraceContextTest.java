package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.TraceHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox row carries the writer's trace context, so that the trace continues through Kafka. */
@QuarkusTest
class TraceContextTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aCreatedOrdersEventContinuesTheCallersTraceFromTheServicesOwnSpan() {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        String tenant = Api.newTenant();
        UUID id = UUID.fromString(Api.as(tenant)
                .header(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + callerSpanId + "-01")
                .header(TraceHeaders.TRACESTATE, "storefront=edge1")
                .header(TraceHeaders.BAGGAGE, "campaign=spring,tier=gold")
                .contentType(ContentType.JSON).body(Api.validOrder())
                .post("/orders").then().statusCode(201).extract().path("order_id"));

        JsonNode context = OrdersDb.outbox(id).get(0).traceContext();
        String traceparent = context.path(TraceHeaders.TRACEPARENT).asText();
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        String storedSpanId = traceparent.substring(36, 52);
        assertThat(storedSpanId).isNotEqualTo(callerSpanId);
        assertThat(context.path(TraceHeaders.TRACESTATE).asText()).isEqualTo("storefront=edge1");
        assertThat(context.path(TraceHeaders.BAGGAGE).asText()).contains("campaign=spring").contains("tier=gold");

        // The stored span is the orders server span of this request, a child of the caller's.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getSpanId().equals(storedSpanId))
                .singleElement()
                .satisfies(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getParentSpanId()).isEqualTo(callerSpanId);
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getResource().getAttributes().asMap().values()).contains("orders");
                    // The collector's span metrics and service graph group by it.
                    assertThat(span.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo(tenant);
                }));
    }

    @Test
    void eachStatusChangeStoresTheTraceOfTheRequestThatMadeIt() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        String traceId = randomHex(16);

        Api.asSettler()
                .header(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + randomHex(8) + "-01")
                .contentType(ContentType.JSON).body(Api.outcome("paid", Api.newPaymentId()))
                .patch("/orders/" + id).then().statusCode(200);

        JsonNode created = OrdersDb.outbox(id).get(0).traceContext();
        JsonNode paid = OrdersDb.outbox(id).get(1).traceContext();
        assertThat(paid.path(TraceHeaders.TRACEPARENT).asText()).startsWith("00-" + traceId + "-");
        assertThat(created.path(TraceHeaders.TRACEPARENT).asText()).doesNotContain(traceId);
        assertThat(paid.has(TraceHeaders.TRACESTATE)).isFalse();
        assertThat(paid.has(TraceHeaders.BAGGAGE)).isFalse();
    }

    @Test
    void aRequestWithoutTraceContextStoresTheTraceTheServiceStarted() {
        UUID id = Api.createdOrder(Api.newTenant());

        String traceparent = OrdersDb.outbox(id).get(0).traceContext().path(TraceHeaders.TRACEPARENT).asText();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.substring(3, 35);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getTraceId().equals(traceId))
                .extracting(SpanData::getKind)
                .contains(SpanKind.SERVER));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
