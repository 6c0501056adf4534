package io.bookstore.psp.repository;

import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.PaymentIntent;
import io.bookstore.psp.domain.StripeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The intents, in memory, oldest forgotten first beyond {@code bookstore.psp.store.max-intents}.
 * Every method holds the store's lock for a few map operations only, never across I/O.
 */
@ApplicationScoped
public class IntentStore {

    /** An intent as it is now, and as it was created (what a late {@code payment_intent.created} event shows). */
    public record StoredIntent(PaymentIntent current, PaymentIntent atCreation) {
    }

    private final Map<String, StoredIntent> intents;

    public IntentStore(PspConfig config, MeterRegistry registry) {
        int max = config.store().maxIntents();
        this.intents = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredIntent> eldest) {
                return size() > max;
            }
        };
        Gauge.builder("psp.payment_intents.stored", this, IntentStore::size)
                .description("Payment intents held in memory")
                .register(registry);
    }

    public synchronized void add(StoredIntent intent) {
        intents.put(intent.current().id(), intent);
    }

    public synchronized Optional<StoredIntent> find(String id) {
        return Optional.ofNullable(intents.get(id));
    }

    /** Applies a change atomically, so two confirmations of one intent cannot both charge it. */
    public synchronized StoredIntent update(String id, UnaryOperator<StoredIntent> change) {
        StoredIntent stored = intents.get(id);
        if (stored == null) {
            throw noSuchIntent(id);
        }
        StoredIntent changed = change.apply(stored);
        intents.put(id, changed);
        return changed;
    }

    public synchronized int size() {
        return intents.size();
    }

    /** Stripe's 404 for an intent it does not know (or, here, no longer remembers). */
    public static StripeException noSuchIntent(String id) {
        return new StripeException(404, ApiError.invalidRequest("intent", "resource_missing", "No such payment_intent: '" + id + "'"));
    }
}
