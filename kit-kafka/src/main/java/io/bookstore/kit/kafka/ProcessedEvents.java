package io.bookstore.kit.kafka;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * The {@code processed_events} table of the consuming service (each service's own Flyway
 * migration creates it: {@code event_id UUID PRIMARY KEY, event_type TEXT NOT NULL,
 * processed_at TIMESTAMPTZ NOT NULL DEFAULT now()}): the {@code ce_id}s whose work has
 * committed. {@link ProcessedEventsPruner} deletes the ids older than the retention.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Records the event in the caller's transaction; false when it already was, that is the
     * record is a redelivery. A concurrent insert of the same id waits here until the other
     * transaction ends, so of two deliveries racing each other exactly one does the work,
     * and a rolled-back work leaves no record of the event.
     */
    public Uni<Boolean> markProcessed(SqlConnection conn, UUID eventId, String eventType) {
        return conn.preparedQuery("""
                        INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ($1, $2, now())
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(eventId, eventType))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Deletes at most {@code limit} event ids recorded longer than {@code retention} ago, by
     * the database's clock (the one that wrote {@code processed_at}); returns how many. One
     * short statement of its own: the rows it picks are locked {@code SKIP LOCKED}, so two
     * replicas pruning at once take different rows instead of waiting for each other. The rows
     * are chosen once, in a MATERIALIZED CTE: as {@code WHERE ctid IN (subquery)} the planner
     * may run the subquery again per row, which deletes more than the limit and, on a big
     * table, takes for ever.
     */
    public Uni<Integer> prune(SqlClient client, Duration retention, int limit) {
        return client.preparedQuery("""
                        WITH doomed AS MATERIALIZED (
                            SELECT ctid FROM processed_events
                            WHERE processed_at < now() - make_interval(secs => $1)
                            LIMIT $2
                            FOR UPDATE SKIP LOCKED)
                        DELETE FROM processed_events WHERE ctid = ANY (ARRAY(SELECT ctid FROM doomed))""")
                .execute(Tuple.of(retention.toMillis() / 1000.0, limit))
                .map(SqlResult::rowCount);
    }
}
