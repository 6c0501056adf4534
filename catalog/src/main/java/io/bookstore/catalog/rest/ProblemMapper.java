package io.bookstore.catalog.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.catalog.domain.BookNotFoundException;
import io.bookstore.catalog.domain.InsufficientStockException;
import io.bookstore.catalog.domain.MixedCurrenciesException;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** catalog's own exceptions as problem+json; kit-http's {@code ProblemMappers} answers the generic failures. */
public class ProblemMapper {

    @ServerExceptionMapper({BookNotFoundException.class, InsufficientStockException.class, ReservationConflictException.class,
            MixedCurrenciesException.class})
    public RestResponse<Problem> refused(RuntimeException e) {
        return Problems.respond(switch (e) {
            case BookNotFoundException notFound -> Problem.of(ProblemType.NOT_FOUND, notFound.getMessage());
            case InsufficientStockException lacking ->
                    Problem.of(ProblemType.INSUFFICIENT_STOCK, lacking.getMessage() + "; nothing was reserved");
            case ReservationConflictException conflict -> Problem.of(ProblemType.CONFLICT, conflict.getMessage());
            case MixedCurrenciesException mixed -> {
                ProblemType type = ProblemType.MIXED_CURRENCIES;
                yield new Problem(type.uri(), type.title(), type.status(), mixed.getMessage() + "; nothing was reserved", mixed.errors());
            }
            default -> throw new IllegalArgumentException("not an exception of catalog: " + e.getClass().getName(), e);
        });
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
