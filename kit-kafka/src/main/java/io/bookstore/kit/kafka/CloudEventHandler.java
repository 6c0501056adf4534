package io.bookstore.kit.kafka;

import io.bookstore.contracts.events.OrderEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.Optional;

/**
 * What a service tells {@link CloudEventConsumer} about its events, besides the payload
 * reader of each type it acts on: how a payload {@code P} becomes its own event {@code E},
 * and the database work, with result {@code R}, that must commit together with the event's
 * id.
 */
public interface CloudEventHandler<P extends OrderEvent, E, R> {

    /**
     * The service's event from a valid envelope and its payload, which names an order of the
     * envelope's tenant. Runs on the record's context (its consume span is current). What the
     * service finds wrong with the payload is a {@link PoisonEventException}: throw
     * {@link CloudEventEnvelope#poison}.
     */
    E read(CloudEventEnvelope envelope, P payload);

    /**
     * The event's work, on the connection of the transaction that also records the event's
     * id; it runs only the first time that id is seen. A failure rolls both back: when
     * {@link #poisonReason} names it, or the database refused the work for good, the record
     * is dead-lettered; otherwise it is tried again.
     */
    Uni<R> apply(SqlConnection conn, E event);

    /**
     * Why a failure of {@link #apply} can never pass, or empty when it may on another try (the
     * default). For the service's own domain conflicts: a database refusal (an SQLSTATE that
     * is not a connection, rollback, resource, operator or lock-timeout one) is poison
     * already, by the kit's rule for every service.
     */
    default Optional<String> poisonReason(Throwable failure) {
        return Optional.empty();
    }

    /**
     * Runs once the work of a first delivery has committed, before the record is
     * acknowledged. A failure is retried like the work's, so it must be safe to repeat.
     */
    default Uni<Void> committed(E event, R result) {
        return Uni.createFrom().voidItem();
    }
}
