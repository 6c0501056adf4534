package io.bookstore.outbox.events;

import io.bookstore.contracts.Spans;
import io.bookstore.contracts.Topics;
import io.bookstore.outbox.domain.OutboxEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Produces claimed outbox rows to {@link Topics#ORDERS} and reports, per row, whether
 * Kafka acknowledged it. Each record gets a PRODUCER span whose parent is the context
 * stored in the row, and exactly one {@code traceparent} injected from that span.
 *
 * <p>A producer that reported an error it may not outlive ({@link SendOutcome#breaksProducer})
 * is closed and replaced by a new one before the next batch, so a fenced, closed or fatally
 * failed producer does not stop publishing for good. Per-order order does not depend on the
 * producer: a batch holds at most one event per order (only an order's oldest row is
 * claimable), and the producer is replaced only once every send of the batch has completed.
 */
public final class OrderEventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OrderEventPublisher.class);

    private final Supplier<Producer<String, byte[]>> producers;
    private final String name;
    /** Used and replaced on the send thread only; null while a new one could not be built. */
    private volatile Producer<String, byte[]> producer;
    /** The error that made the current producer unusable, set on its I/O thread; null while it is fine. */
    private volatile Throwable broken;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /**
     * {@code send()} and {@code partitionsFor()} block while metadata is missing (up to
     * {@code max.block.ms}), so they never run on a Vert.x event loop. One thread keeps the
     * sends of a batch in order.
     */
    private final ExecutorService sendThread;

    /** @param producers makes a new producer; called once here and again after each broken one */
    public OrderEventPublisher(Supplier<Producer<String, byte[]>> producers, OpenTelemetry openTelemetry, String name) {
        this.producers = producers;
        this.producer = producers.get();
        this.name = name;
        this.tracer = openTelemetry.getTracer("io.bookstore.outbox");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.sendThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-send-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends every event and waits for all acknowledgements or failures. The returned list
     * has one outcome per event, in the same order; the Uni itself does not fail.
     */
    public Uni<List<SendOutcome>> publish(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> sendAll(events))
                .runSubscriptionOn(sendThread)
                .chain(pending -> Uni.createFrom()
                        .completionStage(CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new)))
                        .map(done -> pending.stream().map(CompletableFuture::join).toList()))
                // Replaced at once rather than before the next batch, which may be long in coming.
                .call(outcomes -> broken == null
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().item(this::replaceAfterBatch).runSubscriptionOn(sendThread));
    }

    private List<CompletableFuture<SendOutcome>> sendAll(List<OutboxEvent> events) {
        Producer<String, byte[]> current;
        try {
            current = usableProducer();
            // One bounded wait for the topic's metadata per batch, instead of one per record.
            current.partitionsFor(Topics.ORDERS);
        } catch (RuntimeException e) {
            noteBroken(e);
            return events.stream()
                    .map(event -> CompletableFuture.completedFuture(SendOutcome.failed(event, SpanContext.getInvalid(), e)))
                    .toList();
        }
        return events.stream().map(event -> send(current, event)).toList();
    }

    /**
     * On the send thread: the current producer, or a new one when it broke or none could be
     * built. Throws when none can be built (the cluster's address does not resolve, say): the
     * batch's rows then fail with that reason, as with any passing failure.
     */
    private Producer<String, byte[]> usableProducer() {
        if (producer == null || broken != null) {
            replaceProducer();
        }
        return producer;
    }

    /** On the send thread, once every send of the batch has completed. Never fails: the next batch tries again. */
    private Void replaceAfterBatch() {
        try {
            replaceProducer();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot build a new outbox producer %s yet (the next batch tries again): %s",
                    name, SendOutcome.describe(e));
        }
        return null;
    }

    /** On the send thread, with no send in flight: closes the broken producer, if any, and builds another. */
    private void replaceProducer() {
        Throwable cause = broken;
        Producer<String, byte[]> old = producer;
        producer = null;
        broken = null;
        if (old != null) {
            LOG.warnf("Outbox producer %s is closed and replaced after %s", name,
                    cause == null ? "an unknown error" : SendOutcome.describe(cause));
            closeQuietly(old);
        }
        producer = producers.get();
    }

    private void noteBroken(Throwable error) {
        if (SendOutcome.breaksProducer(error)) {
            broken = error;
        }
    }

    private CompletableFuture<SendOutcome> send(Producer<String, byte[]> current, OutboxEvent event) {
        Context parent = propagator.extract(Context.root(), event.row().traceContext(), StoredContext.GETTER);
        Span span = tracer.spanBuilder(Spans.OUTBOX_SEND)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_SYSTEM,
                        MessagingIncubatingAttributes.MessagingSystemIncubatingValues.KAFKA)
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_DESTINATION_NAME, Topics.ORDERS)
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE,
                        MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues.SEND)
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_OPERATION_NAME, "send")
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID, event.row().eventId().toString())
                .setAttribute(MessagingIncubatingAttributes.MESSAGING_KAFKA_MESSAGE_KEY, event.row().aggregateId().toString())
                .startSpan();
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event);
            // The parent context carries the stored baggage and tracestate; the span replaces its span id.
            propagator.inject(parent.with(span), record.headers(), RecordHeaderSetter.INSTANCE);
            current.send(record, (metadata, error) -> complete(outcome, event, span, metadata, error));
        } catch (RuntimeException e) {
            complete(outcome, event, span, null, e);
        }
        return outcome;
    }

    /** Runs on the producer's I/O thread: records the result and nothing more. */
    private void complete(CompletableFuture<SendOutcome> outcome, OutboxEvent event, Span span,
                          RecordMetadata metadata, Throwable error) {
        long now = System.nanoTime();
        if (error == null) {
            span.setAttribute(MessagingIncubatingAttributes.MESSAGING_DESTINATION_PARTITION_ID,
                    String.valueOf(metadata.partition()));
            span.setAttribute(MessagingIncubatingAttributes.MESSAGING_KAFKA_OFFSET, metadata.offset());
            span.end();
            outcome.complete(SendOutcome.acked(event, now, span.getSpanContext()));
        } else {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getMessage());
            span.end();
            noteBroken(error);
            outcome.complete(SendOutcome.failed(event, span.getSpanContext(), error));
        }
    }

    /** Waits for in-flight records (bounded), then closes the producer. */
    @Override
    public void close() {
        sendThread.shutdown();
        try {
            sendThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Producer<String, byte[]> last = producer;
        if (last != null) {
            last.close(Duration.ofSeconds(5));
        }
    }

    /** A broken producer has nothing in flight worth waiting for, and may fail to close cleanly. */
    private void closeQuietly(Producer<String, byte[]> old) {
        try {
            old.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("Closing the broken outbox producer %s failed: %s", name, e.getMessage());
        }
    }

    /** Reads the stored trace context; keys as the writer's propagators wrote them. */
    private enum StoredContext implements TextMapGetter<Map<String, String>> {
        GETTER;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String value = carrier.get(key);
            return value != null ? value : carrier.get(key.toLowerCase(Locale.ROOT));
        }
    }

    /** Replaces rather than appends, so each propagator key appears exactly once. */
    private enum RecordHeaderSetter implements TextMapSetter<Headers> {
        INSTANCE;

        @Override
        public void set(Headers headers, String key, String value) {
            if (headers != null) {
                headers.remove(key);
                headers.add(key, value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
