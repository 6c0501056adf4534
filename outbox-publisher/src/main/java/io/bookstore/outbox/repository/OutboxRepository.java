package io.bookstore.outbox.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.OutboxRow;
import io.bookstore.outbox.domain.Backlog;
import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.domain.RowFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's statements on the {@code outbox} table of {@code bookstore_orders} (and the
 * move of published rows to {@code outbox_published}). Every
 * method takes the connection, so that the relay decides what shares a transaction.
 * Every write after the claim is limited to rows this replica still holds.
 */
@ApplicationScoped
public class OutboxRepository {

    private static final Logger LOG = Logger.getLogger(OutboxRepository.class);

    /** Enough of an error for a person to act on, without letting a stack trace bloat the row. */
    private static final int MAX_ERROR_LENGTH = 2000;

    /*
     * Only an order's oldest remaining event is claimable (NOT EXISTS an older version), so
     * per-order order holds across replicas: the next version waits until this one is deleted.
     * SKIP LOCKED lets replicas claim disjoint batches without waiting on each other.
     *
     * The claimable rows are chosen once, in a MATERIALIZED CTE, and then updated: as
     * "WHERE id IN (subquery)" the planner of a near-empty outbox (its steady state) may run the
     * subquery again for every outbox row, each time an anti-join of the outbox with itself;
     * harmless for ten rows, a claim that never ends for the thousands a replay or an outage
     * leaves (found by a ten-minute chaos run). The relay's connections also plan every
     * statement anew (plan_cache_mode in application.properties), so a plan made for an empty
     * outbox is never used on a full one.
     */
    private static final String CLAIM = """
            WITH claimable AS MATERIALIZED (
                SELECT o.id
                  FROM outbox o
                 WHERE (o.claim_until IS NULL OR o.claim_until < now())
                   AND o.next_attempt_at <= now()
                   AND NOT EXISTS (SELECT 1
                                     FROM outbox p
                                    WHERE p.aggregate_id = o.aggregate_id
                                      AND p.version < o.version)
                 ORDER BY o.id
                 LIMIT $3
                   FOR UPDATE OF o SKIP LOCKED)
            UPDATE outbox
               SET claimed_by = $1,
                   claim_until = now() + make_interval(secs => $2),
                   attempts = attempts + 1
              FROM claimable
             WHERE outbox.id = claimable.id
            RETURNING outbox.id, event_id, aggregate_id, version, event_type, tenant,
                      payload::text AS payload,
                      jsonb_typeof(payload) = 'object' AS payload_is_object,
                      trace_context::text AS trace_context,
                      occurred_at, attempts, last_error,
                      EXTRACT(EPOCH FROM clock_timestamp() - created_at)::float8 AS age_seconds
            """;

    /*
     * Deleting a published row keeps a copy in outbox_published for the replay window, in the
     * same statement, so publishing costs no extra round trip: a lost topic can be refilled
     * from it (TopicWatcher). Each event is in one of outbox and outbox_published at a time; the
     * conflict clause only keeps a stray copy from failing a settle.
     */
    private static final String MOVE_PUBLISHED = """
            WITH gone AS (DELETE FROM outbox WHERE id = ANY($1) AND claimed_by = $2 RETURNING *)
            INSERT INTO outbox_published (id, event_id, aggregate_id, version, event_type, tenant, payload,
                                          trace_context, occurred_at, created_at)
            SELECT id, event_id, aggregate_id, version, event_type, tenant, payload,
                   trace_context, occurred_at, created_at
              FROM gone
            ON CONFLICT (event_id) DO UPDATE SET published_at = EXCLUDED.published_at
            """;

    private static final String BURY = """
            WITH dead AS (DELETE FROM outbox WHERE id = $1 AND claimed_by = $2 RETURNING *)
            INSERT INTO outbox_dead (id, event_id, aggregate_id, version, event_type, tenant, payload,
                                     trace_context, occurred_at, created_at, attempts, error)
            SELECT id, event_id, aggregate_id, version, event_type, tenant, payload,
                   trace_context, occurred_at, created_at, attempts, $3
              FROM dead
            RETURNING id
            """;

    private static final String RELEASE = """
            UPDATE outbox
               SET claimed_by = NULL,
                   claim_until = NULL,
                   next_attempt_at = now() + make_interval(secs => $3),
                   last_error = $4
             WHERE id = $1 AND claimed_by = $2
            """;

    /** Every lease the replica holds, given up: nothing else is touched (attempts, back-off, error stay). */
    private static final String END_LEASES = """
            UPDATE outbox
               SET claimed_by = NULL,
                   claim_until = NULL
             WHERE claimed_by = $1
            """;

    private static final String BACKLOG = """
            SELECT count(*) AS pending,
                   COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
              FROM outbox
            """;

    private final ObjectMapper mapper;

    public OutboxRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Leases up to {@code limit} claimable rows to {@code replicaId}, oldest first. */
    public Uni<List<OutboxEvent>> claim(SqlConnection conn, String replicaId, Duration lease, int limit) {
        return conn.preparedQuery(CLAIM)
                .execute(Tuple.of(replicaId, toSeconds(lease), limit))
                .map(rows -> {
                    long claimedAt = System.nanoTime();
                    List<OutboxEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(toEvent(row, claimedAt));
                    }
                    // RETURNING has no order; the batch is sent in outbox order.
                    events.sort(Comparator.comparingLong(OutboxEvent::id));
                    return events;
                });
    }

    /**
     * Deletes published rows this replica still holds, keeping them in {@code outbox_published}
     * for a replay; returns how many it moved.
     */
    public Uni<Integer> movePublished(SqlConnection conn, List<Long> ids, String replicaId) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery(MOVE_PUBLISHED)
                .execute(Tuple.of(ids.toArray(Long[]::new), replicaId))
                .map(RowSet::rowCount);
    }

    /** Moves rows that can never be sent to {@code outbox_dead}; returns the ids it moved. */
    public Uni<List<Long>> bury(SqlConnection conn, List<RowFailure> failures, String replicaId) {
        if (failures.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> batch = failures.stream()
                .map(f -> Tuple.of(f.id(), replicaId, truncate(f.error())))
                .toList();
        return conn.preparedQuery(BURY)
                .executeBatch(batch)
                .map(OutboxRepository::returnedIds);
    }

    /** Gives rows back for a later attempt, each after its own back-off; returns how many it released. */
    public Uni<Integer> release(SqlConnection conn, List<RowFailure> failures, String replicaId) {
        if (failures.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> batch = failures.stream()
                .map(f -> Tuple.of(f.id(), replicaId, toSeconds(f.retryAfter()), truncate(f.error())))
                .toList();
        return conn.preparedQuery(RELEASE)
                .executeBatch(batch)
                .map(OutboxRepository::totalRowCount);
    }

    /** Ends every lease {@code replicaId} holds, so that the rows are claimable at once; how many. */
    public Uni<Integer> endLeasesOf(SqlConnection conn, String replicaId) {
        return conn.preparedQuery(END_LEASES)
                .execute(Tuple.of(replicaId))
                .map(RowSet::rowCount);
    }

    public Uni<Backlog> backlog(SqlConnection conn) {
        return conn.query(BACKLOG)
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong("pending"), fromSeconds(row.getDouble("oldest_age_seconds")));
                });
    }

    private OutboxEvent toEvent(Row row, long claimedAt) {
        OutboxRow stored = new OutboxRow(
                row.getUUID("event_id"),
                row.getUUID("aggregate_id"),
                row.getLong("version"),
                row.getString("event_type"),
                row.getString("tenant"),
                row.getString("payload"),
                traceContext(row.getLong("id"), row.getString("trace_context")),
                row.getOffsetDateTime("occurred_at").toInstant());
        return new OutboxEvent(
                row.getLong("id"),
                stored,
                row.getBoolean("payload_is_object"),
                row.getInteger("attempts"),
                row.getString("last_error"),
                fromSeconds(row.getDouble("age_seconds")),
                claimedAt);
    }

    /**
     * The stored propagator keys. Anything but string fields of an object is ignored: a
     * damaged trace context costs the trace link, never the event.
     */
    private Map<String, String> traceContext(long id, String json) {
        Map<String, String> context = new HashMap<>();
        try {
            JsonNode node = mapper.readTree(json);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getValue().isTextual()) {
                    context.put(field.getKey(), field.getValue().textValue());
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warnf("Outbox row %d has an unreadable trace_context; publishing it without a parent: %s", id, e.getMessage());
        }
        return context;
    }

    private static List<Long> returnedIds(RowSet<Row> first) {
        List<Long> ids = new ArrayList<>();
        for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
            for (Row row : rows) {
                ids.add(row.getLong("id"));
            }
        }
        return ids;
    }

    private static int totalRowCount(RowSet<Row> first) {
        int count = 0;
        for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
            count += rows.rowCount();
        }
        return count;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static double toSeconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Duration fromSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
