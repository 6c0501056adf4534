package io.bookstore.outbox;

import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.repository.OutboxRepository;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.outbox.support.QuietTimerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox is empty most of the time, and PostgreSQL plans for what its statistics say: a
 * claim planned while the table was empty and vacuumed re-ran an anti-join of the outbox with
 * itself for every row, which on the thousands of rows a topic replay put back ran for hours
 * while nothing was published (a ten-minute chaos run). Here one connection of the relay's
 * pool claims from the empty outbox often enough for PostgreSQL to cache a generic plan, then
 * thousands of rows arrive at once and the same connection claims again. Two defences, each
 * tried on its own: the claim's statement and the relay's connections' plan_cache_mode.
 */
@QuarkusTest
@TestProfile(QuietTimerProfile.class)
class SuddenBacklogTest {

    private static final String REPLICA = "sudden-backlog-test";
    private static final int BACKLOG = 3_000;
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Minutes would do for the right plan; the wrong one needed hours. */
    private static final Duration CLAIM_DEADLINE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    OutboxRepository repository;

    private final String tenant = OrdersOutbox.tenant("backlog");

    @AfterEach
    void removeTheBacklog() {
        OrdersOutbox.removeRowsOf(tenant);
    }

    @Test
    void aClaimAfterQuietTimesTakesItsBatchFromASuddenBacklog() {
        await().atMost(Duration.ofSeconds(30)).until(() -> OrdersOutbox.queryLong("SELECT count(*) FROM outbox") == 0);
        // Empty and vacuumed: the statistics of an outbox that keeps up.
        OrdersOutbox.execute("VACUUM ANALYZE outbox");

        SqlConnection conn = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        List<OutboxEvent> claimed;
        try {
            // PostgreSQL's default plan caching on this connection, so that the claim's own
            // shape is what is tried here; the next test checks the relay's setting.
            conn.query("SET plan_cache_mode = auto").execute().await().atMost(Duration.ofSeconds(10));
            claimTimes(conn, 10).await().atMost(Duration.ofSeconds(30));
            OrdersOutbox.insert(backlog());
            claimed = repository.claim(conn, REPLICA, LEASE, 100).await().atMost(CLAIM_DEADLINE);
        } finally {
            conn.query("RESET plan_cache_mode").execute().await().atMost(Duration.ofSeconds(10));
            conn.close().await().atMost(Duration.ofSeconds(10));
        }

        assertThat(claimed).as("one batch, not every order's head").hasSize(100);
        assertThat(claimed).allSatisfy(event -> assertThat(event.row().tenant()).isEqualTo(tenant));
    }

    @Test
    void theRelaysConnectionsPlanEveryStatementForTheOutboxAsItIsNow() {
        String mode = pool.query("SHOW plan_cache_mode").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(mode).isEqualTo("force_custom_plan");
    }

    /** Claims {@code times} times from the empty outbox, on one connection: PostgreSQL caches a plan after five. */
    private Uni<Void> claimTimes(SqlConnection conn, int times) {
        Uni<Void> claims = Uni.createFrom().voidItem();
        for (int i = 0; i < times; i++) {
            claims = claims.chain(() -> repository.claim(conn, REPLICA, LEASE, 100)
                    .invoke(events -> assertThat(events).as("claimed from the empty outbox").isEmpty())
                    .replaceWithVoid());
        }
        return claims;
    }

    private List<Row> backlog() {
        List<UUID> orders = IntStream.range(0, BACKLOG / 2).mapToObj(i -> UUID.randomUUID()).toList();
        return OrdersOutbox.events(orders, tenant, 2);
    }
}
