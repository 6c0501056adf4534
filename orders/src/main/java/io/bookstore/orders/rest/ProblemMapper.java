package io.bookstore.orders.rest;

import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import io.bookstore.orders.service.IdempotencyKeyReusedException;
import io.bookstore.orders.service.InvalidTransitionException;
import io.bookstore.orders.service.OrderIdTakenException;
import io.bookstore.orders.service.OrderNotFoundException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** orders' own failures as problem+json; kit-http's {@code ProblemMappers} answers the generic ones. */
public class ProblemMapper {

    @ServerExceptionMapper
    public RestResponse<Problem> orderNotFound(OrderNotFoundException e) {
        return Problems.respond(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidTransition(InvalidTransitionException e) {
        return Problems.respond(Problem.of(ProblemType.INVALID_TRANSITION, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> orderIdTaken(OrderIdTakenException e) {
        return Problems.respond(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return Problems.respond(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage()));
    }
}
