package io.bookstore.payments.rest;

import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.kit.http.Problems;
import io.bookstore.payments.client.MalformedWebhookException;
import io.bookstore.payments.client.OrdersUnavailableException;
import io.bookstore.payments.domain.InvalidSignatureException;
import io.bookstore.payments.domain.PaymentNotFoundException;
import io.bookstore.payments.service.WebhookSignature;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** payments-gateway's own exceptions as problem+json; kit-http's {@code ProblemMappers} answers the generic failures. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Seconds the PSP (or any client) should wait before sending again when orders is down. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({PaymentNotFoundException.class, InvalidSignatureException.class, MalformedWebhookException.class})
    public RestResponse<Problem> refused(RuntimeException e) {
        return Problems.respond(switch (e) {
            case PaymentNotFoundException notFound -> Problem.of(ProblemType.NOT_FOUND, notFound.getMessage());
            case InvalidSignatureException forged -> invalidSignature(forged);
            case MalformedWebhookException malformed -> Problem.of(ProblemType.MALFORMED_REQUEST, malformed.getMessage());
            default -> throw new IllegalArgumentException("not an exception of payments-gateway: " + e.getClass().getName(), e);
        });
    }

    /** The outcome is recorded; a 503 makes the PSP deliver the webhook again later. */
    @ServerExceptionMapper
    public RestResponse<Problem> ordersUnavailable(OrdersUnavailableException e) {
        return Problems.builder(Problem.of(ProblemType.UNAVAILABLE, e.getMessage()))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    private static Problem invalidSignature(InvalidSignatureException e) {
        LOG.warnf("Refused a webhook: %s", e.getMessage());
        return Problem.invalid("The webhook is not signed by the PSP, or not recently; nothing was changed",
                List.of(new FieldError(WebhookSignature.HEADER, e.getMessage())));
    }
}
