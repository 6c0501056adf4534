package io.bookstore.outbox.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The statements on what the relay keeps of published events: {@code outbox_published}
 * (filled by {@link OutboxRepository#movePublished}) and {@code outbox_topic}, the topic id
 * it last saw. Every method takes the connection, so that the caller decides what shares a
 * transaction.
 */
@ApplicationScoped
public class PublishedEventsRepository {

    private static final String STORED_TOPIC_ID = """
            SELECT topic_id FROM outbox_topic WHERE topic = $1
            """;

    private static final String FIRST_SIGHT = """
            INSERT INTO outbox_topic (topic, topic_id) VALUES ($1, $2) ON CONFLICT (topic) DO NOTHING
            """;

    private static final String VERIFIED = """
            UPDATE outbox_topic SET verified_at = now() WHERE topic = $1 AND topic_id = $2
            """;

    /*
     * The guard of a replay: of two replicas that saw the same change, the second waits on the
     * first's row lock, then finds the id no longer the old one and updates nothing.
     */
    private static final String TAKE_OVER = """
            UPDATE outbox_topic SET topic_id = $3, seen_since = now(), verified_at = now()
             WHERE topic = $1 AND topic_id = $2
            RETURNING topic
            """;

    /*
     * Waits for the settle transactions in flight, which insert into outbox_published, so
     * that the replay sees every event they moved. Only a replay takes it; publishing never waits on it.
     */
    private static final String HOLD_PUBLISHED = """
            LOCK TABLE outbox_published IN SHARE ROW EXCLUSIVE MODE
            """;

    /*
     * Back into the outbox with their outbox id (they are claimed first again, oldest first) and
     * event id (consumers drop by ce_id what they had applied). The claim's rule, only an order's
     * lowest remaining version is claimable, puts them ahead of the order's newer rows still
     * waiting. created_at restarts: the publish-lag metric measures this publishing, not the
     * event's first. A row that would collide with one in the outbox (it cannot, as each event
     * is in one of the two tables) is dropped rather than failing the whole replay.
     */
    private static final String REPLAY = """
            WITH back AS (DELETE FROM outbox_published RETURNING *)
            INSERT INTO outbox (id, event_id, aggregate_id, version, event_type, tenant, payload,
                                trace_context, occurred_at)
            SELECT id, event_id, aggregate_id, version, event_type, tenant, payload,
                   trace_context, occurred_at
              FROM back
            ON CONFLICT DO NOTHING
            RETURNING tenant
            """;

    /* Chosen once, in a MATERIALIZED CTE, as the relay's claim (OutboxRepository says why). */
    private static final String PRUNE = """
            WITH doomed AS MATERIALIZED (
                SELECT event_id
                  FROM outbox_published
                 WHERE published_at < now() - make_interval(secs => $1)
                 ORDER BY published_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)
            DELETE FROM outbox_published p
             USING doomed
             WHERE p.event_id = doomed.event_id
            """;

    /** The topic id stored for {@code topic}, empty before the first sight. */
    public Uni<Optional<String>> storedTopicId(SqlConnection conn, String topic) {
        return conn.preparedQuery(STORED_TOPIC_ID)
                .execute(Tuple.of(topic))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("topic_id")));
    }

    /** Stores the first topic id seen; a replica that stored one first wins. */
    public Uni<Void> storeFirstSight(SqlConnection conn, String topic, String topicId) {
        return conn.preparedQuery(FIRST_SIGHT).execute(Tuple.of(topic, topicId)).replaceWithVoid();
    }

    /** Notes that the topic was found under its stored id. */
    public Uni<Void> markVerified(SqlConnection conn, String topic, String topicId) {
        return conn.preparedQuery(VERIFIED).execute(Tuple.of(topic, topicId)).replaceWithVoid();
    }

    /** Stores {@code newId} in place of {@code oldId}; false when another replica already did. */
    public Uni<Boolean> takeOver(SqlConnection conn, String topic, String oldId, String newId) {
        return conn.preparedQuery(TAKE_OVER)
                .execute(Tuple.of(topic, oldId, newId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Moves every kept published event back into the outbox; returns how many it moved, per tenant. */
    public Uni<Map<String, Integer>> replayAll(SqlConnection conn) {
        return conn.query(HOLD_PUBLISHED).execute()
                .chain(() -> conn.query(REPLAY).execute())
                .map(PublishedEventsRepository::countByTenant);
    }

    /** Deletes up to {@code limit} events published longer than {@code window} ago; returns how many. */
    public Uni<Integer> prune(SqlConnection conn, Duration window, int limit) {
        return conn.preparedQuery(PRUNE)
                .execute(Tuple.of(window.toNanos() / 1e9, limit))
                .map(RowSet::rowCount);
    }

    private static Map<String, Integer> countByTenant(RowSet<Row> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row row : rows) {
            counts.merge(row.getString("tenant"), 1, Integer::sum);
        }
        return counts;
    }
}
