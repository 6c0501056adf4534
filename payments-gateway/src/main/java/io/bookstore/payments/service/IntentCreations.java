package io.bookstore.payments.service;

import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.config.PaymentsConfig;
import io.bookstore.payments.domain.Payment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates payment intents beside the consumer instead of in its way: the PSP's latency then
 * costs each partition nothing, and the PSP sees many calls at once, as it would from any
 * busy merchant. The payment row is committed before a creation starts, so a creation lost
 * in a crash or a shutdown is made again by the settler once its lease has passed; so is one
 * that still fails when the lease is nearly over (a database outage), instead of being retried
 * here for ever.
 *
 * <p>At most {@code maxConcurrentCreations} run at once. Past that, the consumer waits for
 * its own creation, so a slow PSP slows consumption rather than filling memory.
 */
@ApplicationScoped
public class IntentCreations {

    private static final Logger LOG = Logger.getLogger(IntentCreations.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final PaymentService payments;
    private final int limit;
    private final long retryFor;
    private final AtomicInteger inFlight = new AtomicInteger();

    public IntentCreations(PaymentService payments, PaymentsConfig config) {
        this.payments = payments;
        this.limit = config.maxConcurrentCreations();
        // Retries end while the registration's lease lasts, with time left for the last PSP call:
        // afterwards the settler owns the payment, and it keeps the payment's window.
        this.retryFor = config.lease().minus(PspGateway.LONGEST_CALL).toMillis();
    }

    /** Completes at once when the creation runs in the background, or once it is done when too many do. */
    public Uni<Void> start(Payment payment) {
        // Safe to repeat after a database failure: the PSP replays a creation under the same key.
        Uni<Void> creation = payments.createIntent(payment)
                .onFailure().invoke(failure -> LOG.warnf("Creating the intent of order %s failed (%s); retrying",
                        payment.orderId(), failure.toString()))
                .onFailure().retry().withBackOff(RETRY_MIN, RETRY_MAX).expireIn(retryFor)
                .eventually(inFlight::decrementAndGet);
        if (inFlight.incrementAndGet() > limit) {
            return creation;
        }
        creation.subscribe().with(done -> { }, failure -> LOG.warnf("Creating the intent of order %s is left to the settler after its lease (%s)",
                payment.orderId(), failure.toString()));
        return Uni.createFrom().voidItem();
    }
}
