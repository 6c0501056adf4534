package io.bookstore.payments.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The {@code processed_events} table: the consumer's memory of the {@code ce_id}s it handled. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Remembers the event; false when it was already remembered. A concurrent insert of the
     * same id waits for the other transaction, so exactly one of two deliveries does the work.
     */
    public Uni<Boolean> markProcessed(SqlConnection conn, UUID eventId, String eventType) {
        return conn.preparedQuery("""
                        INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ($1, $2, now())
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(eventId, eventType))
                .map(rows -> rows.rowCount() == 1);
    }
}
