package io.bookstore.kit.http;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A small API on the kit, as a service would write one: a tenant-scoped body, public look-ups, failures. */
@Path("/kit")
@Produces(MediaType.APPLICATION_JSON)
public class KitResource {

    public record Item(@NotNull @ValidIsbn String isbn, @Copies Integer qty) {
    }

    public record Basket(@NotNull List<@NotNull @Valid Item> items, @NotNull String paymentMethod) {
    }

    /** Echoes the basket, the caller's tenant and the tenant the log lines of this request carry. */
    @POST
    @Path("/baskets")
    @Consumes(MediaType.APPLICATION_JSON)
    @TenantScoped
    public Map<String, Object> basket(@Valid @NotNull Basket body) {
        return Map.of("basket", body, "tenant", Caller.current().tenant(), "logged_tenant", loggedTenant());
    }

    @GET
    @Path("/books")
    public Map<String, Object> books(@QueryParam("isbn") List<@ValidIsbn String> isbn,
                                     @QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit) {
        return Map.of("isbn", isbn, "limit", Integer.parseInt(limit), "logged_tenant", loggedTenant());
    }

    @GET
    @Path("/idempotency")
    public String idempotency() {
        throw new InvalidRequestException("Idempotency-Key", "must be sent once");
    }

    @GET
    @Path("/failure")
    public String failure() {
        throw new IllegalStateException("connection to db-internal.example:5432 refused");
    }

    private static String loggedTenant() {
        return Objects.toString(MDC.get(TenantFilter.MDC_KEY), "");
    }
}
