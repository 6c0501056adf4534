package io.bookstore.catalog.service;

import io.bookstore.catalog.config.ReservationsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Ends the reservations whose order never came ({@link ReservationService#releaseExpired}),
 * every {@code bookstore.reservations.reap-interval}. A round releases bounded batches, each
 * in one short transaction, until one is not full. Several replicas may run: rows another
 * transaction holds are skipped, not waited for.
 */
@ApplicationScoped
public class ReservationReaper {

    private static final Logger LOG = Logger.getLogger(ReservationReaper.class);

    private final ReservationsConfig config;
    private final ReservationService reservations;
    /**
     * Set when the service stops: the database pool closes while the Kafka consumers still take
     * seconds to leave their group, and a round then would only fail and warn about it.
     */
    private volatile boolean stopping;

    public ReservationReaper(ReservationsConfig config, ReservationService reservations) {
        this.config = config;
        this.reservations = reservations;
    }

    void start(@Observes StartupEvent event) {
        if (!config.window().isPositive() || config.expiryGrace().isNegative() || config.reapBatchSize() < 1) {
            throw new IllegalStateException("bookstore.reservations.window and reap-batch-size must be positive, "
                    + "expiry-grace not negative");
        }
        LOG.infof("Reservations expire after %s; the reaper releases them %s later, every %s, %d at a time",
                config.window(), config.expiryGrace(), config.reapInterval(), config.reapBatchSize());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${bookstore.reservations.reap-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reap() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return reservations.releaseExpired()
                .repeat().whilst(released -> released == config.reapBatchSize())
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Reservation reaper round failed (%s); the next round tries again", failure.toString());
                    return null;
                });
    }
}
