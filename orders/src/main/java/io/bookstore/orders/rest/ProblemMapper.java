package io.bookstore.orders.rest;

import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import io.bookstore.orders.domain.IdempotencyKeyReusedException;
import io.bookstore.orders.domain.InvalidTransitionException;
import io.bookstore.orders.domain.OrderIdTakenException;
import io.bookstore.orders.domain.OrderNotFoundException;
import io.bookstore.orders.domain.ReservationExpiredException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** orders' own exceptions as problem+json; kit-http's {@code ProblemMappers} answers the generic failures. */
public class ProblemMapper {

    @ServerExceptionMapper({OrderNotFoundException.class, InvalidTransitionException.class, OrderIdTakenException.class,
            IdempotencyKeyReusedException.class, ReservationExpiredException.class})
    public RestResponse<Problem> refused(RuntimeException e) {
        return Problems.respond(switch (e) {
            case OrderNotFoundException notFound -> Problem.of(ProblemType.NOT_FOUND, notFound.getMessage());
            case InvalidTransitionException invalid -> Problem.of(ProblemType.INVALID_TRANSITION, invalid.getMessage());
            case OrderIdTakenException taken -> Problem.of(ProblemType.CONFLICT, taken.getMessage());
            case IdempotencyKeyReusedException reused -> Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, reused.getMessage());
            case ReservationExpiredException expired -> Problem.of(ProblemType.RESERVATION_EXPIRED, expired.getMessage());
            default -> throw new IllegalArgumentException("not an exception of orders: " + e.getClass().getName(), e);
        });
    }
}
