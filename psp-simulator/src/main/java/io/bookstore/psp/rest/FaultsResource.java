package io.bookstore.psp.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.psp.domain.Faults;
import io.bookstore.psp.domain.StripeException;
import io.bookstore.psp.service.FaultDefaults;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own admin API, not Stripe's: the fault defaults of every following request,
 * switched at run time so that a chaos run can turn latency, 5xx and webhook faults on and off.
 * Guarded by the same API key as {@code /v1} ({@link ApiKeyFilter}); errors in Stripe's format
 * like everything the simulator answers. An intent's {@code psp_…} metadata still overrides.
 */
@Path("/sim/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultsResource {

    private final FaultDefaults defaults;
    private final ObjectReader json;

    public FaultsResource(FaultDefaults defaults, ObjectMapper json) {
        this.defaults = defaults;
        // A knob given twice is refused rather than one of its values guessed.
        this.json = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @GET
    public FaultSwitches current() {
        return FaultSwitches.of(defaults.current());
    }

    /** Replaces the defaults: the knobs given, and the configured value for every knob left out. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultSwitches replace(String body) {
        Map<String, String> switches = switches(body);
        Faults replacement = Faults.switched(defaults.configured(), switches);
        return FaultSwitches.of(defaults.update(ignored -> replacement));
    }

    /** Changes the knobs given and keeps the others as they are now. */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultSwitches change(String body) {
        Map<String, String> switches = switches(body);
        // A knob out of bounds throws inside the update, which then changes nothing.
        return FaultSwitches.of(defaults.update(current -> Faults.switched(current, switches)));
    }

    /** Back to the configured defaults ({@code bookstore.psp.faults.*}). */
    @DELETE
    public FaultSwitches reset() {
        return FaultSwitches.of(defaults.reset());
    }

    /** The body's knobs with their numbers as text, the form the bounds checks read (as they read metadata). */
    private Map<String, String> switches(String body) {
        JsonNode knobs;
        try {
            knobs = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw StripeException.invalid(null, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (knobs == null || !knobs.isObject()) {
            throw StripeException.invalid(null, "Send the knobs as a JSON object, e.g. {\"latency_ms\":500,\"webhook_drop_rate\":0.2}.");
        }
        Map<String, String> switches = new LinkedHashMap<>();
        knobs.properties().forEach(knob -> {
            JsonNode value = knob.getValue();
            if (!value.isNumber()) {
                throw StripeException.invalid(knob.getKey(), knob.getKey() + " must be a number, got " + value);
            }
            switches.put(knob.getKey(), value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString());
        });
        return switches;
    }
}
