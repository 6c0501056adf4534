package io.bookstore.psp.service;

import io.bookstore.psp.config.PspConfig;
import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.StripeException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntFunction;

/**
 * Stripe's idempotency: the first execution of a key is saved with its request, and the same
 * request under the same key gets the saved answer again; another request under it is an
 * {@code idempotency_error}. Keys are per API key; the oldest are forgotten beyond
 * {@code bookstore.psp.store.max-idempotency-keys}.
 *
 * <p>Executions run under one lock, so two concurrent requests with one key cannot both
 * execute: the second waits a few microseconds and replays. Nothing inside does I/O.
 */
@ApplicationScoped
public class IdempotencyStore {

    public record Key(String apiKey, String idempotencyKey) {
    }

    /** The endpoint ({@code POST /v1/payment_intents}) and every form parameter with its values. */
    public record Fingerprint(String endpoint, SortedMap<String, List<String>> params) {
    }

    public record Execution(ApiResult result, boolean replayed) {
    }

    /** A saved answer, or (result null) the count of injected failures of a request that has not executed yet. */
    private record Saved(Fingerprint fingerprint, int failures, ApiResult result) {
    }

    private final Map<Key, Saved> entries;

    public IdempotencyStore(PspConfig config) {
        int max = config.store().maxIdempotencyKeys();
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Saved> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Replays the saved answer, or runs {@code action} with the number of earlier attempts of
     * this request that answered 500. An answer is saved; a 4xx thrown by the action is not (a
     * rejected request leaves nothing behind), and a 500 is counted, so a retry can succeed.
     */
    public synchronized Execution execute(Key key, Fingerprint fingerprint, IntFunction<ApiResult> action) {
        Saved entry = entries.get(key);
        if (entry != null && entry.result() != null) {
            if (!entry.fingerprint().equals(fingerprint)) {
                throw mismatch(key, entry.fingerprint(), fingerprint);
            }
            return new Execution(entry.result(), true);
        }
        int failures = entry != null && entry.fingerprint().equals(fingerprint) ? entry.failures() : 0;
        ApiResult result;
        try {
            result = action.apply(failures);
        } catch (StripeException e) {
            if (e.status() >= 500) {
                entries.put(key, new Saved(fingerprint, failures + 1, null));
            }
            throw e;
        }
        entries.put(key, new Saved(fingerprint, failures, result.withoutEvents()));
        return new Execution(result, false);
    }

    private static StripeException mismatch(Key key, Fingerprint saved, Fingerprint request) {
        String message = saved.endpoint().equals(request.endpoint())
                ? "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '"
                        + key.idempotencyKey() + "' if you meant to execute a different request."
                : "Keys for idempotent requests can only be used for the same endpoint they were first used for ('"
                        + saved.endpoint() + "'). Try using a key other than '" + key.idempotencyKey()
                        + "' if you meant to execute a different request.";
        return new StripeException(400, ApiError.of(ApiError.IDEMPOTENCY_ERROR, message));
    }
}
