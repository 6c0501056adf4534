package io.bookstore.storefront.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * A Tempo-compatible trace query API ({@code bookstore.storefront.traces.url}); {@link TracesClient}
 * builds it when the URL is configured. {@code Accept: application/json}: Tempo answers
 * protobuf otherwise.
 */
@Path("/api/traces")
public interface TracesApi {

    @GET
    @Path("/{traceId}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> trace(@PathParam("traceId") String traceId);

    /** 404: no such trace (yet). Any other refusal is the storefront's or the store's fault, not the shopper's. */
    @ClientExceptionMapper
    static RuntimeException failure(Response response) {
        if (response.getStatus() == 404) {
            return new TraceNotFoundException();
        }
        Logger.getLogger(TracesApi.class).warnf("%s answered HTTP %d", TracesClient.DOWNSTREAM, response.getStatus());
        return new DownstreamUnavailableException(TracesClient.DOWNSTREAM, "answered HTTP " + response.getStatus());
    }
}
