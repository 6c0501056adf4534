package io.bookstore.orders.repository;

import io.bookstore.contracts.OutboxNotify;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Tells who waits about a commit: outbox-publisher (NOTIFY {@value OutboxNotify#CHANNEL}) that
 * there are outbox rows, and the requests waiting for an order's status, in any replica of
 * orders (NOTIFY {@value #STATUS_CHANNEL} with the order's id), that it changed. Sent outside
 * the business transaction because a NOTIFY inside it takes a lock that serialises every
 * commit; a lost hint only delays (the publisher's timer, the waiting request's own end), so
 * failures are logged and not returned.
 */
@ApplicationScoped
public class CommitNotifier {

    /** The channel of status changes; the payload is the order's id. */
    public static final String STATUS_CHANNEL = "bookstore_order_status";

    private static final Logger LOG = Logger.getLogger(CommitNotifier.class);

    private final Pool pool;

    public CommitNotifier(Pool pool) {
        this.pool = pool;
    }

    /** After an order was created: its {@code order.created} is in the outbox. */
    public void created() {
        send(pool.preparedQuery("SELECT pg_notify($1, '')").execute(Tuple.of(OutboxNotify.CHANNEL)));
    }

    /** After an order's status changed: its event is in the outbox, and its waiters may answer. One round trip for both. */
    public void statusChanged(UUID orderId) {
        send(pool.preparedQuery("SELECT pg_notify($1, ''), pg_notify($2, $3)")
                .execute(Tuple.of(OutboxNotify.CHANNEL, STATUS_CHANNEL, orderId.toString())));
    }

    private static void send(Uni<?> notify) {
        notify.subscribe().with(
                ignored -> { },
                failure -> LOG.warnf(failure, "pg_notify failed; outbox-publisher picks the rows up on its timer,"
                        + " and a request waiting for a status answers when its wait ends"));
    }
}
