package io.bookstore.testkit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink reads what the OpenTelemetry SDK's own OTLP/HTTP exporter sends. */
class OtlpTraceSinkTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void receivesSpansAsTheSdkExportsThem(String compression) {
        try (OtlpTraceSink sink = OtlpTraceSink.start()) {
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "orders"))))
                    .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                            .setEndpoint(sink.endpoint() + "/v1/traces")
                            .setCompression(compression)
                            .build()))
                    .build();
            Tracer tracer = provider.get("testkit");

            Span server = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", "/orders")
                    .setAttribute("http.response.status_code", 201L)
                    .startSpan();
            Span producer = tracer.spanBuilder("send bookstore.orders.v1").setSpanKind(SpanKind.PRODUCER)
                    .setParent(Context.root().with(server))
                    .setAttribute("messaging.system", "kafka")
                    .startSpan();
            producer.setStatus(StatusCode.ERROR, "broker down");
            producer.end();
            server.end();
            provider.forceFlush().join(10, TimeUnit.SECONDS);
            provider.shutdown().join(10, TimeUnit.SECONDS);

            String traceId = server.getSpanContext().getTraceId();
            List<ReceivedSpan> trace = sink.awaitTrace(traceId, spans -> spans.size() == 2, Duration.ofSeconds(10));
            ReceivedSpan received = trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
            ReceivedSpan child = trace.stream().filter(span -> !span.isRoot()).findFirst().orElseThrow();

            assertThat(received.service()).isEqualTo("orders");
            assertThat(received.spanId()).isEqualTo(server.getSpanContext().getSpanId());
            assertThat(received.kind()).isEqualTo(ReceivedSpan.KIND_SERVER);
            assertThat(received.attributes()).containsEntry("http.route", "/orders")
                    .containsEntry("http.response.status_code", "201");
            assertThat(received.durationNanos()).isPositive();
            assertThat(child.parentSpanId()).isEqualTo(received.spanId());
            assertThat(child.kind()).isEqualTo(ReceivedSpan.KIND_PRODUCER);
            assertThat(child.statusCode()).isEqualTo(ReceivedSpan.STATUS_ERROR);

            TraceTree tree = TraceTree.of(trace);
            assertThat(tree.roots()).containsExactly(received);
            assertThat(tree.orphans()).isEmpty();
            assertThat(tree.parentOf(child)).isEqualTo(received);
            assertThat(tree.render()).contains("orders | POST /orders | kind 2", "  orders | send bookstore.orders.v1 | kind 4");
        }
    }

    @Test
    void namesASpanWhoseParentNeverArrived() {
        ReceivedSpan orphan = new ReceivedSpan("payments-gateway", "t", "b", "a", "POST /webhooks/psp",
                ReceivedSpan.KIND_SERVER, 0, 1_000_000, Map.of(), 0);
        TraceTree tree = TraceTree.of(List.of(orphan));
        assertThat(tree.roots()).isEmpty();
        assertThat(tree.orphans()).containsExactly(orphan);
        assertThat(tree.render()).contains("parent missing: a");
    }
}
