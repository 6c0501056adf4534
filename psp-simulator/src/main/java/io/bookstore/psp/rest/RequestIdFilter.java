package io.bookstore.psp.rest;

import io.bookstore.psp.domain.Ids;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every answer names its request, as Stripe's do; the resources set it themselves when events will name it too. */
public class RequestIdFilter {

    @ServerResponseFilter
    public void requestId(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(StripeHeaders.REQUEST_ID)) {
            response.getHeaders().putSingle(StripeHeaders.REQUEST_ID, Ids.request());
        }
    }
}
