package io.bookstore.storefront.rest;

import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import io.bookstore.storefront.client.DownstreamProblemException;
import io.bookstore.storefront.client.DownstreamUnavailableException;
import io.bookstore.storefront.config.StorefrontConfig;
import io.bookstore.storefront.domain.CheckoutConflictException;
import io.bookstore.storefront.domain.IdempotencyKeyReusedException;
import io.bookstore.storefront.domain.OrderNotFoundException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * storefront's own exceptions as problem+json: a downstream's refusal is passed on as it was,
 * a downstream that gives no answer is a 503 naming it, with {@code Retry-After}. kit-http's
 * {@code ProblemMappers} answers the generic failures.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** A downstream that failed the call may be back any moment (a restart takes seconds). */
    private static final long RETRY_FAILED_AFTER_SECONDS = 1;

    private final long breakerDelaySeconds;

    public ProblemMapper(StorefrontConfig config) {
        this.breakerDelaySeconds = Math.max(1, (config.downstream().breaker().delay().toMillis() + 999) / 1000);
    }

    @ServerExceptionMapper({DownstreamProblemException.class, DownstreamUnavailableException.class,
            OrderNotFoundException.class, IdempotencyKeyReusedException.class, CheckoutConflictException.class})
    public RestResponse<Problem> refused(RuntimeException e) {
        Problem problem = switch (e) {
            // catalog's or orders' refusal, such as 409 insufficient stock, with its status and body.
            case DownstreamProblemException refusal -> refusal.problem();
            case DownstreamUnavailableException unavailable -> unavailable(unavailable);
            case OrderNotFoundException notFound -> Problem.of(ProblemType.NOT_FOUND, notFound.getMessage());
            case IdempotencyKeyReusedException reused -> Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, reused.getMessage());
            case CheckoutConflictException conflict -> Problem.of(ProblemType.CONFLICT, conflict.getMessage());
            default -> throw new IllegalArgumentException("not an exception of storefront: " + e.getClass().getName(), e);
        };
        if (problem.status() == 401) {
            // The caller's token, refused where the storefront passed it on: the same challenge.
            return Problems.bearerChallenge(problem, true);
        }
        if (e instanceof DownstreamUnavailableException unavailable) {
            return Problems.builder(problem).header("Retry-After", retryAfterSeconds(unavailable)).build();
        }
        return Problems.respond(problem);
    }

    /** An open breaker lets a trial call through after its delay; any other failure may pass sooner. */
    private long retryAfterSeconds(DownstreamUnavailableException e) {
        return e.getCause() instanceof CircuitBreakerOpenException ? breakerDelaySeconds : RETRY_FAILED_AFTER_SECONDS;
    }

    private static Problem unavailable(DownstreamUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Problem.of(ProblemType.UNAVAILABLE, e.downstream() + " is unavailable: it " + e.reason() + "; retry later");
    }
}
