package io.bookstore.storefront.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.storefront.config.StorefrontConfig;
import io.bookstore.storefront.service.CheckoutMetrics;
import io.bookstore.storefront.service.CheckoutMetrics.Outcome;
import io.bookstore.storefront.service.UnknownOutcomes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Admission control of {@code POST /api/v2/checkout}: a checkout runs only while fewer than the
 * {@link ConcurrencyLimit} run; the others get a 503 {@code overloaded} problem with
 * {@code Retry-After} at once. Past the machine's capacity, every checkout let in makes all of
 * them slower, until they time out, are retried and fail together; refused ones cost nothing
 * and the admitted ones stay fast.
 * <p>
 * It is a route of the HTTP server, in front of Quarkus REST, so a refused checkout costs no
 * token check (the OIDC extension verifies the token lazily, in kit-http's tenant filter), no
 * body read and no downstream call: it changes nothing, and a caller without a valid token is
 * refused with the same 503 while the storefront is full. The permit is given back when the
 * checkout's order exists or it failed ({@link #release(RoutingContext)}, so that a {@code Prefer: wait}
 * poll holds no place), at the latest when the response ends or the connection closes.
 * A retry of a checkout whose outcome the storefront could not tell ({@link UnknownOutcomes})
 * is let in beyond the limit: it is how its client learns whether it has an order.
 */
@Singleton
public class CheckoutAdmission {

    private static final String PERMIT = "bookstore.admission-permit";

    private final StorefrontConfig.Admission config;
    private final CheckoutMetrics metrics;
    private final ConcurrencyLimit limit;
    private final UnknownOutcomes unknownOutcomes;
    private final Buffer refusal;

    public CheckoutAdmission(StorefrontConfig config, CheckoutMetrics metrics, MeterRegistry registry, ObjectMapper json,
                             UnknownOutcomes unknownOutcomes) {
        this.config = config.admission();
        this.metrics = metrics;
        this.unknownOutcomes = unknownOutcomes;
        this.limit = new ConcurrencyLimit(this.config.initialLimit(), this.config.minLimit(), this.config.maxLimit(),
                this.config.backoffRatio(), this.config.latencyThreshold());
        this.refusal = Buffer.buffer(render(json, Problem.of(ProblemType.OVERLOADED,
                "the storefront is at its limit of checkouts at once; retry after " + this.config.retryAfterSeconds() + " s")));
        Gauge.builder(BusinessMetrics.CHECKOUTS_ADMISSION_LIMIT, limit, ConcurrencyLimit::limit)
                .description("Checkouts admitted at once at most, now")
                .register(registry);
        Gauge.builder(BusinessMetrics.CHECKOUTS_IN_FLIGHT, limit, ConcurrencyLimit::inFlight)
                .description("Admitted checkouts running now")
                .register(registry);
    }

    void route(@Observes Router router) {
        if (config.enabled()) {
            // After telemetry's route, which only adds an end handler, and before every other.
            router.post(CheckoutResource.PATH).order(Integer.MIN_VALUE + 1).handler(this::admit);
        }
    }

    /** The checkout's work is done; a no-op when admission control is off or the permit went back already. */
    static void release(RoutingContext context) {
        ConcurrencyLimit.Permit permit = context.get(PERMIT);
        if (permit != null) {
            permit.release();
        }
    }

    /** Checkouts admitted at once at most, now. */
    public int limit() {
        return limit.limit();
    }

    /** Admitted checkouts whose work is not done. */
    public int inFlight() {
        return limit.inFlight();
    }

    private void admit(RoutingContext context) {
        Optional<ConcurrencyLimit.Permit> permit = limit.tryAcquire();
        if (permit.isEmpty() && unknownOutcomes.contains(context.request().getHeader(HttpHeaders.IDEMPOTENCY_KEY))) {
            // The client asks whether an earlier attempt made its order: let it learn, beyond the limit.
            context.next();
            return;
        }
        if (permit.isEmpty()) {
            metrics.shed();
            metrics.record(BusinessMetrics.UNKNOWN_TENANT, Outcome.UNAVAILABLE);
            context.response()
                    .setStatusCode(ProblemType.OVERLOADED.status())
                    .putHeader("Content-Type", HttpHeaders.PROBLEM_JSON)
                    .putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()))
                    .end(refusal);
            return;
        }
        context.addEndHandler(ended -> permit.get().release());
        context.put(PERMIT, permit.get());
        context.next();
    }

    private static String render(ObjectMapper json, Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
