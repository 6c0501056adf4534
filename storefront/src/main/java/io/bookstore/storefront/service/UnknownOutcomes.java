package io.bookstore.storefront.service;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Idempotency-Keys of checkouts answered "the order may have been made" (orders gave no
 * answer to its creation), until a later attempt under the key gets a definite answer. Admission
 * control lets such a retry in even when the storefront is full: it is how the client learns
 * whether it has an order, orders answers it from the key without new work, and refusing it
 * would leave the client with an order it was never told of. Bounded (the most recent
 * {@link #CAPACITY} keys) and per replica: a retry that reaches another replica is admitted as
 * any checkout is. Keys are the clients' (UUIDs in practice), not tenant-qualified: admission
 * runs before the token is read, and a key shared across tenants only lets one more request in.
 */
@Singleton
public class UnknownOutcomes {

    static final int CAPACITY = 10_000;

    private final Map<String, Boolean> keys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void record(String idempotencyKey) {
        keys.put(idempotencyKey, Boolean.TRUE);
    }

    public synchronized boolean contains(String idempotencyKey) {
        return idempotencyKey != null && keys.containsKey(idempotencyKey);
    }

    /** A later attempt under the key got a definite answer. */
    public synchronized void forget(String idempotencyKey) {
        keys.remove(idempotencyKey);
    }
}
