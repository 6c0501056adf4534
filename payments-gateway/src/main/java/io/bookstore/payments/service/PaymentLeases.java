package io.bookstore.payments.service;

import io.bookstore.payments.config.PaymentsConfig;
import io.bookstore.payments.repository.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a payment's lease ({@code payments.leased_by}): this replica's id, a slash, and an
 * id of this process. A process holds the lease while it does a step itself (creating the intent
 * of a payment it registered, reporting an outcome it applied, a settler claim); when the
 * lease ends (2 minutes) any replica's settler does the step. A process that dies holding leases
 * leaves those payments waiting that long, unless the next process of the same replica takes
 * them back: with a configured {@code bookstore.payments.replica-id} (one process at a time, the
 * same across restarts, as a pod's name), the process at start makes the payments its
 * predecessors held due at once. Doing a step again is always safe: the intent is created under
 * the order's Idempotency-Key, and outcomes are applied once, under the row's lock.
 */
@Singleton
public class PaymentLeases {

    private final Optional<String> replicaId;
    private final String holder;
    private final Pool pool;
    private final PaymentRepository payments;

    public PaymentLeases(PaymentsConfig config, Pool pool, PaymentRepository payments) {
        this.replicaId = config.replicaId().filter(id -> !id.isBlank());
        this.holder = replicaId.orElse("unnamed") + "/" + UUID.randomUUID();
        this.pool = pool;
        this.payments = payments;
    }

    /** This process, as {@code leased_by} names it. */
    public String holder() {
        return holder;
    }

    /** The configured replica id, if one is. */
    public Optional<String> replicaId() {
        return replicaId;
    }

    /** Makes due the payments an earlier process of this replica held; how many (none without a configured replica id). */
    public Uni<Integer> takeBackFromPredecessors() {
        return replicaId.map(id -> payments.makeDueLeasesOfPredecessors(pool, id, holder)).orElseGet(() -> Uni.createFrom().item(0));
    }
}
