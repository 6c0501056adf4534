package io.bookstore.orders.repository;

import io.bookstore.contracts.OutboxRow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.Map;

/** Writes outbox rows; the caller's connection carries the transaction of the order change. */
@ApplicationScoped
public class OutboxRepository {

    public Uni<Void> insert(SqlConnection connection, OutboxRow event) {
        Tuple values = Tuple.tuple()
                .addUUID(event.eventId())
                .addUUID(event.aggregateId())
                .addLong(event.version())
                .addString(event.eventType())
                .addString(event.tenant())
                // JsonObject, not String: a String bound to a jsonb parameter is stored as a JSON string literal.
                .addValue(new JsonObject(event.payload()))
                .addValue(new JsonObject(Map.<String, Object>copyOf(event.traceContext())))
                .addOffsetDateTime(event.occurredAt().atOffset(ZoneOffset.UTC));
        return connection.preparedQuery("""
                INSERT INTO outbox (event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(values)
                .replaceWithVoid();
    }
}
