package io.bookstore.e2e;

import com.sun.net.httpserver.HttpExchange;
import io.bookstore.testkit.HttpForwardingProxy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A forwarding proxy between payments-gateway and the psp-simulator that appends the
 * simulator's per-intent fault knobs ({@code metadata[psp_*]}) to the intent creations of
 * chosen tenants. It exists because the gateway sends the PSP only what an order says (as it
 * must with real Stripe), so a checkout cannot ask for dropped or duplicated webhooks itself.
 * Everything else, and every answer, passes unchanged; webhooks go from the simulator to the
 * gateway directly.
 */
final class PspKnobProxy implements AutoCloseable {

    private static final String CREATE_INTENT = "/v1/payment_intents";

    private final Map<String, String> knobsByTenant;
    private final HttpForwardingProxy proxy;

    private PspKnobProxy(Map<String, Map<String, String>> knobsByTenant) {
        this.knobsByTenant = Map.copyOf(knobsByTenant.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> formFragment(entry.getValue()))));
        this.proxy = HttpForwardingProxy.start(this::handle, PspKnobProxy::apiError);
    }

    /** {@code knobsByTenant}: tenant → metadata key of a simulator knob ({@code psp_…}) → value. */
    static PspKnobProxy start(Map<String, Map<String, String>> knobsByTenant) {
        return new PspKnobProxy(knobsByTenant);
    }

    /**
     * Where to forward. Set after start-up: the simulator must know the gateway's port for its
     * webhooks, and the gateway this proxy's, so the proxy comes first and the simulator last.
     */
    void forwardTo(String simulatorBaseUrl) {
        proxy.forwardTo(simulatorBaseUrl);
    }

    String baseUrl() {
        return proxy.baseUrl();
    }

    @Override
    public void close() {
        proxy.close();
    }

    private void handle(HttpForwardingProxy proxy, HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        if (!proxy.hasTarget()) {
            HttpForwardingProxy.respond(exchange, 503, apiError("no simulator yet"));
            return;
        }
        if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals(CREATE_INTENT)) {
            body = withKnobs(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        HttpForwardingProxy.relay(exchange, proxy.send(exchange, body));
    }

    private String withKnobs(String form) {
        String tenant = HttpForwardingProxy.formValue(form, "metadata[tenant]");
        String knobs = tenant == null ? null : knobsByTenant.get(tenant);
        return knobs == null ? form : form + "&" + knobs;
    }

    /** An answer in Stripe's error shape, as the gateway expects from a PSP. */
    private static String apiError(String message) {
        return "{\"error\":{\"type\":\"api_error\",\"message\":\"" + message + "\"}}";
    }

    private static String formFragment(Map<String, String> knobs) {
        StringBuilder form = new StringBuilder();
        knobs.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode("metadata[" + name + "]", StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }
}
