package io.bookstore.storefront.client;

import io.bookstore.contracts.problem.Problem;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** How the answers and failures of downstream calls become the storefront's two failure kinds. */
public final class Downstreams {

    public static final String CATALOG = "catalog";
    public static final String ORDERS = "orders";
    public static final String RECOMMENDATIONS = "recommendations";

    private static final Logger LOG = Logger.getLogger(Downstreams.class);

    /**
     * Statuses whose problem concerns what the client asked for, or the token it sent (which
     * the storefront passes on: one that expired on its way is refused downstream, and the
     * client gets a fresh one). Any other 4xx means the storefront called wrongly (a wrong
     * path): the client cannot fix that, so it is treated like any other unusable answer.
     */
    private static final Set<Integer> CLIENT_PROBLEMS = Set.of(400, 401, 403, 404, 409, 422);

    private Downstreams() {
    }

    /** For a REST client's {@code @ClientExceptionMapper}: the failure an error response stands for. */
    public static RuntimeException failure(String downstream, Response response) {
        int status = response.getStatus();
        if (CLIENT_PROBLEMS.contains(status)) {
            return new DownstreamProblemException(downstream, problem(downstream, response));
        }
        LOG.warnf("%s answered HTTP %d", downstream, status);
        return new DownstreamUnavailableException(downstream, "answered HTTP " + status);
    }

    /**
     * Whether another attempt may succeed: not after an answer (the same request gets the same
     * one) nor when the breaker refused the call.
     */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof Exception
                && !causedBy(failure, cause -> cause instanceof DownstreamProblemException || cause instanceof CircuitBreakerOpenException);
    }

    /** The failure of a guarded call as one of the two kinds, naming the downstream. */
    public static Throwable translate(String downstream, Throwable failure) {
        if (failure instanceof DownstreamProblemException || failure instanceof DownstreamUnavailableException) {
            return failure;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new DownstreamUnavailableException(downstream, "is failing; calls to it are paused for a moment", failure);
        }
        if (causedBy(failure, Downstreams::isTimeout)) {
            return DownstreamUnavailableException.timedOut(downstream, failure);
        }
        if (causedBy(failure, cause -> cause instanceof ConnectException)) {
            return new DownstreamUnavailableException(downstream, "cannot be reached", failure);
        }
        if (causedBy(failure, cause -> cause instanceof IOException || cause instanceof ProcessingException)) {
            return new DownstreamUnavailableException(downstream, "dropped the connection", failure);
        }
        LOG.warnf(failure, "call to %s failed", downstream);
        return new DownstreamUnavailableException(downstream, "failed", failure);
    }

    /**
     * Every layer names its timeout differently: the fault-tolerance {@code TimeoutException},
     * Vert.x's {@code NoStackTraceTimeoutException} for the read timeout, Netty's
     * {@code ConnectTimeoutException}, {@code SocketTimeoutException}.
     */
    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause.getClass().getSimpleName().endsWith("TimeoutException");
    }

    private static boolean causedBy(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problem a downstream answered. Our services answer problem+json; a body that is
     * not one (an HTML error page of a proxy, say) still yields a problem with the status.
     */
    private static Problem problem(String downstream, Response response) {
        try {
            Problem problem = response.readEntity(Problem.class);
            if (problem != null && problem.status() == response.getStatus()) {
                return problem;
            }
        } catch (RuntimeException unreadable) {
            LOG.debugf(unreadable, "%s answered %d without a problem body", downstream, response.getStatus());
        }
        Response.StatusType reason = Response.Status.fromStatusCode(response.getStatus());
        return new Problem("about:blank", reason == null ? "HTTP " + response.getStatus() : reason.getReasonPhrase(),
                response.getStatus(), downstream + " refused the request", List.of());
    }
}
