package io.bookstore.catalog.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.catalog.domain.BookNotFoundException;
import io.bookstore.catalog.domain.InsufficientStockException;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** catalog's own failures as problem+json; kit-http's {@code ProblemMappers} answers the generic ones. */
public class ProblemMapper {

    @ServerExceptionMapper
    public RestResponse<Problem> bookNotFound(BookNotFoundException e) {
        return Problems.respond(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> insufficientStock(InsufficientStockException e) {
        return Problems.respond(Problem.of(ProblemType.INSUFFICIENT_STOCK, e.getMessage() + "; nothing was reserved"));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> reservationConflict(ReservationConflictException e) {
        return Problems.respond(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    /**
     * Overrides the kit for a body that is JSON but not an object ({@code []}): catalog's
     * clients have always been told it is unreadable, not that a field is invalid.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> notAnObject(MismatchedInputException e) {
        return Problems.respond(e.getPath().isEmpty()
                ? Problem.of(ProblemType.MALFORMED_REQUEST, "the body must be a JSON object")
                : Problems.wrongType(e));
    }
}
