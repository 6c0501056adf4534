package io.bookstore.payments.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.Spans;
import io.bookstore.kit.http.TenantFilter;
import io.bookstore.payments.client.OrdersUnavailableException;
import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.client.WebhookEvent;
import io.bookstore.payments.domain.InvalidSignatureException;
import io.bookstore.payments.service.WebhookMetrics;
import io.bookstore.payments.service.WebhookService;
import io.bookstore.payments.service.WebhookSignature;
import io.bookstore.telemetry.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.HttpAttributes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.MDC;

import java.time.Instant;

/**
 * {@code POST /webhooks/psp}: the PSP's events, Stripe-signed. The raw body is verified before
 * anything is read from it; a missing, wrong or stale signature is a 400 and changes nothing.
 *
 * <p>A real PSP sends no {@code traceparent}, so Quarkus' own server span for this path is
 * suppressed ({@code quarkus.otel.traces.suppress-application-uris}) and this resource starts
 * the SERVER span itself, as a child of the trace context the intent's metadata echoes: the
 * webhook, and the PATCH to orders under it, stay in the checkout's trace.
 */
@Path(WebhookResource.PATH)
public class WebhookResource {

    static final String PATH = "/webhooks/psp";

    private final WebhookSignature signature;
    private final WebhookService webhooks;
    private final WebhookMetrics metrics;
    private final TraceContexts traces;
    private final Tracer tracer;
    private final ObjectMapper json;

    public WebhookResource(WebhookSignature signature, WebhookService webhooks, WebhookMetrics metrics, TraceContexts traces,
                           Tracer tracer, ObjectMapper json) {
        this.signature = signature;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.traces = traces;
        this.tracer = tracer;
        this.json = json;
    }

    /** Acknowledges an authentic event with 200, whatever it did; 503 when its outcome cannot reach orders yet. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Receipt> receive(@HeaderParam(WebhookSignature.HEADER) String signatureHeader, byte[] body) {
        try {
            signature.verify(signatureHeader, body, Instant.now());
        } catch (InvalidSignatureException e) {
            metrics.signatureFailed(e.reason());
            throw e;
        }
        WebhookEvent event = WebhookEvent.parse(json, body);
        Span span = tracer.spanBuilder(Spans.PSP_WEBHOOK)
                .setSpanKind(SpanKind.SERVER)
                .setParent(traces.extract(event.metadata()))
                .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
                .setAttribute(HttpAttributes.HTTP_ROUTE, PATH)
                .setAttribute(Spans.WEBHOOK_EVENT_TYPE, event.type())
                .startSpan();
        Scope scope = span.makeCurrent();
        String tenant = event.metadata().get(PspGateway.METADATA_TENANT);
        if (tenant != null) {
            MDC.put(TenantFilter.MDC_KEY, tenant);
        }
        return webhooks.handle(event)
                .map(outcome -> new Receipt(true, outcome.tag()))
                .onTermination().invoke((receipt, failure, cancelled) -> {
                    int status = failure == null ? 200 : failure instanceof OrdersUnavailableException ? 503 : 500;
                    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    }
                    span.end();
                    MDC.remove(TenantFilter.MDC_KEY);
                    scope.close();
                });
    }

    /** The answer to the PSP: received, and what the event did. */
    public record Receipt(boolean received, String outcome) {
    }
}
