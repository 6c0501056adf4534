package io.bookstore.catalog.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The {@code processed_events} table: the ids of the order events already applied. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records the event as applied unless it already was. False means a redelivery. A
     * concurrent insert of the same id waits here until the other transaction ends, so two
     * deliveries racing each other still apply the event once.
     */
    public Uni<Boolean> insertIfAbsent(SqlConnection conn, UUID eventId, String eventType) {
        return conn.preparedQuery("""
                        INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ($1, $2, now())
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(eventId, eventType))
                .map(rows -> rows.rowCount() == 1);
    }
}
