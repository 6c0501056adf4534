package io.bookstore.storefront.service;

import io.bookstore.kit.http.Caller;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.client.TraceSpan;
import io.bookstore.storefront.client.TracesClient;
import io.bookstore.storefront.config.TracesConfig;
import io.bookstore.storefront.domain.OrderTrace;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order's checkout trace: the order is read from orders as the caller (so another tenant's
 * order is not found, and no trace store is asked), then its trace from the trace store.
 */
@ApplicationScoped
public class OrderTraceService {

    private static final Comparator<TraceSpan> BY_START = Comparator.comparingLong(TraceSpan::startEpochNanos)
            .thenComparingLong(TraceSpan::endEpochNanos)
            .thenComparing(TraceSpan::spanId);

    private final OrdersClient orders;
    private final TracesClient traces;
    private final Optional<String> link;
    private final int maxSpans;

    public OrderTraceService(OrdersClient orders, TracesClient traces, TracesConfig config) {
        this.orders = orders;
        this.traces = traces;
        this.link = config.link();
        this.maxSpans = config.maxSpans();
    }

    /** The trace of the caller's tenant's order; its spans empty while the store has none of them. */
    public Uni<OrderTrace> trace(Caller caller, UUID orderId) {
        return orders.find(caller, orderId).flatMap(order -> {
            String traceId = order.traceId();
            if (traceId == null) {
                return Uni.createFrom().item(new OrderTrace(null, null, List.of()));
            }
            return traces.spans(traceId).map(spans -> new OrderTrace(traceId, linkTo(traceId), placed(spans)));
        });
    }

    private String linkTo(String traceId) {
        return link.map(template -> template.replace("{trace_id}", traceId)).orElse(null);
    }

    /** The earliest {@code maxSpans} spans by start, each placed on the trace's time line in microseconds. */
    private List<OrderTrace.Span> placed(List<TraceSpan> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        long origin = spans.stream().mapToLong(TraceSpan::startEpochNanos).min().orElseThrow();
        return spans.stream()
                .sorted(BY_START)
                .limit(maxSpans)
                .map(span -> new OrderTrace.Span(span.spanId(), span.parentSpanId(), span.service(), span.name(), span.kind(),
                        (span.startEpochNanos() - origin) / 1_000, (span.endEpochNanos() - span.startEpochNanos()) / 1_000,
                        span.error()))
                .toList();
    }
}
