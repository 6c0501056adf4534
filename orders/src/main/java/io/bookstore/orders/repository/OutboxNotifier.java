package io.bookstore.orders.repository;

import io.bookstore.contracts.OutboxNotify;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Wakes outbox-publisher after a commit. Sent outside the business transaction because a
 * NOTIFY inside it takes a lock that serialises every commit; a lost hint only delays
 * delivery until the publisher's timer fires, so failures are logged and not returned.
 */
@ApplicationScoped
public class OutboxNotifier {

    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class);

    private final Pool pool;

    public OutboxNotifier(Pool pool) {
        this.pool = pool;
    }

    public void hint() {
        pool.preparedQuery("SELECT pg_notify($1, '')")
                .execute(Tuple.of(OutboxNotify.CHANNEL))
                .subscribe().with(
                        ignored -> { },
                        failure -> LOG.warnf(failure, "pg_notify on %s failed; outbox-publisher picks the rows up on its timer",
                                OutboxNotify.CHANNEL));
    }
}
