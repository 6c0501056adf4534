package io.bookstore.psp.service;

import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.Faults;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The fault defaults every request starts from: the configured ones ({@code bookstore.psp.faults.*})
 * until the admin API switches them, so a chaos run can turn faults on and off without a restart.
 * A request reads them once, when it starts: a switch never changes a request under way.
 */
@ApplicationScoped
public class FaultDefaults {

    private static final Logger LOG = Logger.getLogger(FaultDefaults.class);

    private final Faults configured;
    private final AtomicReference<Faults> current;

    public FaultDefaults(PspConfig config) {
        this.configured = Faults.defaults(config.faults());
        this.current = new AtomicReference<>(configured);
    }

    public Faults current() {
        return current.get();
    }

    public Faults configured() {
        return configured;
    }

    /** Applies a change atomically, so two switches at once cannot lose one of them. */
    public Faults update(UnaryOperator<Faults> change) {
        Faults changed = current.updateAndGet(change);
        // A chaos run's timeline is read from the logs: each switch says what is now in force.
        LOG.infof("Fault defaults now %s", changed);
        return changed;
    }

    public Faults reset() {
        return update(ignored -> configured);
    }
}
