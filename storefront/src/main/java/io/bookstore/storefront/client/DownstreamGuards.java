package io.bookstore.storefront.client;

import io.bookstore.storefront.config.StorefrontConfig;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The guard of every downstream call: a timeout per attempt, retries within the downstream's
 * {@link RetryBudget}, and a circuit breaker per downstream <em>and tenant</em>. SmallRye's
 * annotations keep one breaker per method for all callers, so one tenant's failures (a book
 * whose reservations fail, a tenant's own flood) paused every tenant's calls; here they open
 * only that tenant's breaker. A breaker judges every attempt, retries included (retry wraps
 * the breaker, as with the annotations), and never counts a {@link DownstreamProblemException}:
 * an answer is no failure.
 *
 * <p>The breakers of each downstream are kept for the {@code tenants} tenants that called it
 * last; the breaker of a tenant that has not called for longer is dropped, and made anew,
 * closed, on its next call.
 */
@ApplicationScoped
public class DownstreamGuards {

    /** The breaker of calls made for nobody's tenant (the public book pages): no tenant can be named so. */
    public static final String PUBLIC = "_public";

    private final StorefrontConfig.Downstream config;
    private final Map<String, Downstream> downstreams;

    public DownstreamGuards(StorefrontConfig config) {
        this.config = config.downstream();
        this.downstreams = Map.of(
                Downstreams.CATALOG, new Downstream(Downstreams.CATALOG),
                Downstreams.ORDERS, new Downstream(Downstreams.ORDERS),
                Downstreams.RECOMMENDATIONS, new Downstream(Downstreams.RECOMMENDATIONS));
    }

    /**
     * The call under the tenant's breaker for the downstream; every failure as a
     * {@link DownstreamProblemException} or a {@link DownstreamUnavailableException}.
     */
    public <T> Uni<T> call(String downstream, String tenant, Supplier<Uni<T>> call) {
        Downstream guarded = downstreams.get(downstream);
        if (guarded == null) {
            throw new IllegalArgumentException("not a downstream of the storefront: " + downstream);
        }
        return guarded.call(tenant, call).onFailure().transform(failure -> Downstreams.translate(downstream, failure));
    }

    /** Closes every breaker: they start again as at start-up (for operators and tests). */
    public void reset() {
        downstreams.values().forEach(Downstream::reset);
    }

    /** One downstream's breakers, by tenant, and its retry budget. */
    private final class Downstream {

        private final String name;
        private final RetryBudget budget;
        private final Map<String, Guard> byTenant;

        Downstream(String name) {
            this.name = name;
            StorefrontConfig.Downstream.Retry retry = config.retry();
            this.budget = new RetryBudget(retry.budgetRatio(), retry.budgetMinimum(), retry.budgetWindow());
            int tenants = config.breaker().tenants();
            this.byTenant = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Guard> eldest) {
                    return size() > tenants;
                }
            });
        }

        @SuppressWarnings("unchecked")
        <T> Uni<T> call(String tenant, Supplier<Uni<T>> call) {
            Guard guard = byTenant.computeIfAbsent(tenant, this::guard);
            Class<Uni<T>> uni = (Class<Uni<T>>) (Class<?>) Uni.class;
            return Uni.createFrom().deferred(() -> {
                budget.called();
                return guard.get(call, uni);
            });
        }

        void reset() {
            byTenant.clear();
        }

        private Guard guard(String tenant) {
            StorefrontConfig.Downstream.Retry retry = config.retry();
            StorefrontConfig.Downstream.Breaker breaker = config.breaker();
            return Guard.create()
                    // Names the guard in the fault-tolerance metrics (the method tag) and logs.
                    .withDescription(name + " " + tenant)
                    .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                    .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    .whenException(failure -> Downstreams.isRetryable(failure) && budget.allowsRetry())
                    .beforeRetry(budget::retried)
                    .done()
                    .withCircuitBreaker()
                    .requestVolumeThreshold(breaker.requestVolume())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .skipOn(DownstreamProblemException.class)
                    .done()
                    .build();
        }
    }
}
