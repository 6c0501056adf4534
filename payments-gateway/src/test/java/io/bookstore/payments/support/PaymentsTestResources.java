package io.bookstore.payments.support;

import io.bookstore.kit.http.RepositorySecrets;
import io.bookstore.testkit.Cleanup;
import io.bookstore.testkit.FreePorts;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.PostgresDatabase;
import io.bookstore.testkit.QuarkusApp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The services around the gateway, real and packaged: the psp-simulator, delivering its
 * webhooks to this test application (whose port is therefore fixed here), and orders on a
 * database of its own. Each sits behind a {@link ForwardingProxy} the tests can steer.
 * Tests find the addresses in the {@code payments-test.*} properties.
 */
public class PaymentsTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String PSP_URL = "payments-test.psp-url";
    public static final String PSP_PROXY_URL = "payments-test.psp-proxy-url";
    public static final String ORDERS_URL = "payments-test.orders-url";
    public static final String ORDERS_PROXY_URL = "payments-test.orders-proxy-url";
    public static final String ORDERS_JDBC_URL = "payments-test.orders-jdbc-url";

    private PostgresDatabase ordersDatabase;
    private QuarkusApp psp;
    private QuarkusApp orders;
    private ForwardingProxy pspProxy;
    private ForwardingProxy ordersProxy;

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        psp = QuarkusApp.start("psp-simulator", QuarkusApp.packagedJar("psp-simulator"), Map.of(
                "BOOKSTORE_PSP_WEBHOOK_URL", "http://127.0.0.1:" + port + "/webhooks/psp",
                // Redeliveries within seconds, so that a test sees the PSP retry a 503.
                "BOOKSTORE_PSP_WEBHOOK_INITIAL_BACKOFF", "300ms",
                "BOOKSTORE_PSP_WEBHOOK_MAX_BACKOFF", "1s",
                "BOOKSTORE_PSP_WEBHOOK_MAX_ATTEMPTS", "6",
                "BOOKSTORE_PSP_WEBHOOK_TIMEOUT", "10s"));
        ordersDatabase = PostgresDatabase.create("bookstore_orders");
        Map<String, String> ordersEnv = new HashMap<>(ordersDatabase.serviceEnvironment());
        ordersEnv.putAll(KeycloakServer.shared().serviceEnvironment());
        // No collector listens in tests; orders' own spans are not what these tests look at.
        ordersEnv.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        orders = QuarkusApp.start("orders", QuarkusApp.packagedJar("orders"), ordersEnv);
        pspProxy = ForwardingProxy.to(psp.baseUrl());
        ordersProxy = ForwardingProxy.to(orders.baseUrl());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(port));
        // The packaged service of the integration tests runs the prod profile on the repository's secrets.
        config.put(RepositorySecrets.ALLOW_DEFAULTS, "true");
        config.put("bookstore.psp.base-url", pspProxy.baseUrl());
        config.put("bookstore.orders.base-url", ordersProxy.baseUrl());
        config.put(PSP_URL, psp.baseUrl());
        config.put(PSP_PROXY_URL, pspProxy.baseUrl());
        config.put(ORDERS_URL, orders.baseUrl());
        config.put(ORDERS_PROXY_URL, ordersProxy.baseUrl());
        config.put(ORDERS_JDBC_URL, ordersDatabase.jdbcUrl());
        return config;
    }

    @Override
    public void stop() {
        Cleanup.closeAll(pspProxy, ordersProxy, psp, orders, Cleanup.dropping(ordersDatabase));
    }
}
