package io.bookstore.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The seven processes of the bookstore, on the ports and databases of DESIGN.md. */
enum Service {

    CATALOG("catalog", 8081, "bookstore_catalog", CpuTier.REQUEST),
    ORDERS("orders", 8082, "bookstore_orders", CpuTier.REQUEST),
    OUTBOX_PUBLISHER("outbox-publisher", 8083, "bookstore_orders", CpuTier.BACKGROUND),
    PAYMENTS_GATEWAY("payments-gateway", 8084, "bookstore_payments", CpuTier.BACKGROUND),
    RECOMMENDATIONS("recommendations", 8085, "bookstore_recommendations", CpuTier.BACKGROUND),
    PSP_SIMULATOR("psp-simulator", 8090, null, CpuTier.BACKGROUND),
    STOREFRONT("storefront", 8080, null, CpuTier.EDGE);

    /** What a checkout needs to end paid, as the demo checkout does; recommendations only counts it afterwards. */
    static final List<Service> CHECKOUT_PATH = List.of(STOREFRONT, CATALOG, ORDERS, OUTBOX_PUBLISHER, PAYMENTS_GATEWAY, PSP_SIMULATOR);

    private final String module;
    private final int port;
    private final String database;
    private final CpuTier cpuTier;

    Service(String module, int port, String database, CpuTier cpuTier) {
        this.module = module;
        this.port = port;
        this.database = database;
        this.cpuTier = cpuTier;
    }

    /** The Maven module, which is also the service's name in logs, traces and metrics. */
    String module() {
        return module;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Optional<String> database() {
        return Optional.ofNullable(database);
    }

    CpuTier cpuTier() {
        return cpuTier;
    }

    Path jar(Path home) {
        return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    static Service named(String module) {
        return Arrays.stream(values()).filter(service -> service.module.equals(module)).findFirst()
                .orElseThrow(() -> new UsageException("no service is called '" + module + "'; the services are "
                        + String.join(", ", modules(List.of(values())))));
    }

    static List<String> modules(List<Service> services) {
        return services.stream().map(Service::module).toList();
    }

    /** The databases of the stack, each once. */
    static List<String> databases() {
        return Arrays.stream(values()).flatMap(service -> service.database().stream()).distinct().toList();
    }
}
