package io.bookstore.storefront.rest;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.IdempotencyKeys;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.kit.http.WaitPreference;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.service.CheckoutService;
import io.bookstore.storefront.service.OrderWatcher;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /api/v2/checkout}: kit-http's tenant filter has verified the caller's token
 * ({@link TenantScoped}), Bean Validation the body. The token goes on to catalog and orders.
 */
@Path(CheckoutResource.PATH)
@TenantScoped
public class CheckoutResource {

    static final String PATH = "/api/v2/checkout";

    private final CheckoutService checkouts;
    private final OrderWatcher watcher;

    public CheckoutResource(CheckoutService checkouts, OrderWatcher watcher) {
        this.checkouts = checkouts;
        this.watcher = watcher;
    }

    /**
     * 202 with the pending order and its {@code Location}. With {@code Prefer: wait=N}, waits
     * up to N seconds (at most 10) for the final status and answers 200 with it when it
     * comes; an order already final (a replayed checkout) is a 200 as well.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CheckoutResponse>> checkout(
            @Context jakarta.ws.rs.core.HttpHeaders headers,
            RoutingContext routing,
            @Valid @NotNull(message = "a JSON body is required") CheckoutRequest body) {
        // Read on the request's own context: the trace every downstream call continues.
        String traceId = Span.current().getSpanContext().getTraceId();
        Optional<String> key = IdempotencyKeys.read(headers.getRequestHeader(HttpHeaders.IDEMPOTENCY_KEY));
        Optional<WaitPreference> wait = WaitPreference.parse(headers.getRequestHeader(WaitPreference.PREFER));
        Caller caller = Caller.current();
        // Waiting, for a downstream or for the final status, costs timers only: the admission place goes back.
        return checkouts.checkout(body.toCheckout(caller, key), () -> CheckoutAdmission.release(routing))
                .onTermination().invoke(() -> CheckoutAdmission.release(routing))
                .flatMap(order -> watcher.awaitFinal(caller, order, wait.map(WaitPreference::duration).orElse(Duration.ZERO)))
                .map(order -> respond(order, traceId, wait));
    }

    private static RestResponse<CheckoutResponse> respond(Order order, String traceId, Optional<WaitPreference> wait) {
        RestResponse.ResponseBuilder<CheckoutResponse> response = RestResponse.ResponseBuilder
                .<CheckoutResponse>create(order.status().isFinal() ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED)
                .location(URI.create(OrderResource.PATH + "/" + order.orderId()))
                .entity(new CheckoutResponse(order.orderId(), order.status(), traceId));
        wait.ifPresent(preference -> response.header(WaitPreference.PREFERENCE_APPLIED, preference.applied()));
        return response.build();
    }
}
