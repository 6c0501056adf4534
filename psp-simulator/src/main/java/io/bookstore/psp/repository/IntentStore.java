package io.bookstore.psp.repository;

import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.PaymentIntent;
import io.bookstore.psp.domain.PaymentIntentList;
import io.bookstore.psp.domain.PaymentIntentQuery;
import io.bookstore.psp.domain.StripeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The intents, in memory, oldest forgotten first beyond {@code bookstore.psp.store.max-intents}.
 * Each intent has a sequence number in the order it was created: the list's order, which
 * {@code created} (whole seconds) cannot give for intents of the same second. Every method holds
 * the store's lock for map operations only, never across I/O.
 */
@ApplicationScoped
public class IntentStore {

    /** An intent as it is now, and as it was created (what a late {@code payment_intent.created} event shows). */
    public record StoredIntent(PaymentIntent current, PaymentIntent atCreation) {
    }

    private final int max;
    private final NavigableMap<Long, StoredIntent> bySequence = new TreeMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long nextSequence;

    public IntentStore(PspConfig config, MeterRegistry registry) {
        this.max = config.store().maxIntents();
        Gauge.builder("psp.payment_intents.stored", this, IntentStore::size)
                .description("Payment intents held in memory")
                .register(registry);
    }

    public synchronized void add(StoredIntent intent) {
        long sequence = nextSequence++;
        Long replaced = sequences.put(intent.current().id(), sequence);
        if (replaced != null) {
            bySequence.remove(replaced);
        }
        bySequence.put(sequence, intent);
        while (bySequence.size() > max) {
            sequences.remove(bySequence.pollFirstEntry().getValue().current().id());
        }
    }

    public synchronized Optional<StoredIntent> find(String id) {
        return Optional.ofNullable(sequences.get(id)).map(bySequence::get);
    }

    /** Applies a change atomically, so two confirmations of one intent cannot both charge it. */
    public synchronized StoredIntent update(String id, UnaryOperator<StoredIntent> change) {
        Long sequence = sequences.get(id);
        if (sequence == null) {
            throw noSuchIntent(id);
        }
        StoredIntent changed = change.apply(bySequence.get(sequence));
        bySequence.put(sequence, changed);
        return changed;
    }

    /**
     * One page as Stripe pages a list: newest first; {@code starting_after} continues with the
     * intents created before the cursor, {@code ending_before} with the ones created after it
     * (the nearest of them, still newest first). {@code has_more} says whether more match beyond
     * the page in the direction read.
     */
    public synchronized PaymentIntentList page(PaymentIntentQuery query) {
        boolean backwards = query.endingBefore().isPresent();
        NavigableMap<Long, StoredIntent> inReadingOrder;
        if (query.startingAfter().isPresent()) {
            inReadingOrder = bySequence.headMap(cursor("starting_after", query.startingAfter().get()), false).descendingMap();
        } else if (backwards) {
            inReadingOrder = bySequence.tailMap(cursor("ending_before", query.endingBefore().get()), false);
        } else {
            inReadingOrder = bySequence.descendingMap();
        }
        List<PaymentIntent> page = new ArrayList<>();
        boolean hasMore = false;
        for (StoredIntent stored : inReadingOrder.values()) {
            if (!query.createdWithin(stored.current())) {
                continue;
            }
            if (page.size() == query.limit()) {
                hasMore = true;
                break;
            }
            page.add(stored.current());
        }
        if (backwards) {
            Collections.reverse(page);
        }
        return new PaymentIntentList(hasMore, page);
    }

    public synchronized int size() {
        return bySequence.size();
    }

    /** Stripe's 404 for an intent it does not know (or, here, no longer remembers). */
    public static StripeException noSuchIntent(String id) {
        return new StripeException(404, ApiError.invalidRequest("intent", "resource_missing", "No such payment_intent: '" + id + "'"));
    }

    /** A cursor must name an intent the list holds; an unknown one is a 400 on that parameter. */
    private long cursor(String param, String id) {
        Long sequence = sequences.get(id);
        if (sequence == null) {
            throw StripeException.invalid(param, "resource_missing", "No such payment_intent: '" + id + "'");
        }
        return sequence;
    }
}
