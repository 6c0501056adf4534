package io.bookstore.storefront;

import io.bookstore.testkit.FreePorts;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.OtlpTraceSink;
import io.bookstore.testkit.PostgresDatabase;
import io.bookstore.testkit.QuarkusApp;
import io.bookstore.testkit.ReceivedSpan;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The services behind the storefront, as they run in production: catalog, orders and (when
 * its jar has been packaged) recommendations from their {@code quarkus-run.jar}s, each on a
 * fresh database, with the shared Kafka broker and an OTLP sink that receives every
 * service's spans, the storefront's included. Each service sits behind a {@link TcpProxy},
 * whose fixed URL is the storefront's client URL, so tests can kill and restart services.
 *
 * <p>Quarkus may load this class in another class loader than the tests, so the tests
 * reach the running platform through JDK types only: {@link Downstream} finds the
 * controls registered here in the system properties.
 */
public class Platform implements QuarkusTestResourceLifecycleManager {

    static final String CONTROLS = "bookstore.storefront.test.platform";
    static final String CATALOG = "catalog";
    static final String ORDERS = "orders";
    static final String RECOMMENDATIONS = "recommendations";

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<TcpProxy> unreachable = new ArrayList<>();
    private OtlpTraceSink sink;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared().withOrderTopics();
        sink = OtlpTraceSink.start();

        Map<String, CompletableFuture<Service>> starting = new LinkedHashMap<>();
        for (String name : List.of(CATALOG, ORDERS, RECOMMENDATIONS)) {
            Path jar = QuarkusApp.packagedJar(name);
            if (name.equals(RECOMMENDATIONS) && !Files.isRegularFile(jar)) {
                continue;
            }
            PostgresDatabase database = PostgresDatabase.create("bookstore_" + name);
            Map<String, String> env = environment(database, broker);
            if (name.equals(CATALOG)) {
                // The seed's demonstration book fails every reservation: a tenant's failures on demand.
                env.put("BOOKSTORE_CATALOG_FORCED_FAILURES_ENABLED", "true");
            }
            starting.put(name, CompletableFuture.supplyAsync(() -> Service.start(name, jar, database, env)));
        }
        starting.forEach((name, service) -> services.put(name, service.join()));

        Map<String, String> config = new HashMap<>();
        for (String name : List.of(CATALOG, ORDERS, RECOMMENDATIONS)) {
            Optional<Service> service = Optional.ofNullable(services.get(name));
            // Without its jar, recommendations is a proxy to a port where nothing listens.
            String url = service.map(running -> running.proxy.url()).orElseGet(() -> {
                TcpProxy nowhere = TcpProxy.start(name, FreePorts.next());
                unreachable.add(nowhere);
                return nowhere.url();
            });
            config.put("quarkus.rest-client." + name + ".url", url);
            service.ifPresent(running -> config.put("platform." + name + ".jdbc-url", running.database.jdbcUrl()));
        }
        config.put("platform.recommendations.available", Boolean.toString(services.containsKey(RECOMMENDATIONS)));
        config.put("platform.database.username", services.get(CATALOG).database.username());
        config.put("platform.database.password", services.get(CATALOG).database.password());
        config.put("platform.kafka.bootstrap-servers", broker.bootstrapServers());
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", sink.endpoint());
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        System.getProperties().put(CONTROLS, controls());
        return config;
    }

    @Override
    public void stop() {
        System.getProperties().remove(CONTROLS);
        services.values().forEach(Service::close);
        unreachable.forEach(TcpProxy::close);
        if (sink != null) {
            sink.close();
        }
    }

    private Map<String, String> environment(PostgresDatabase database, KafkaBroker broker) {
        Map<String, String> env = new HashMap<>(sink.serviceEnvironment());
        env.putAll(KeycloakServer.shared().serviceEnvironment());
        env.putAll(database.serviceEnvironment());
        env.putAll(broker.serviceEnvironment());
        return env;
    }

    /** What the tests may do to the platform, as JDK types. */
    private Map<String, Object> controls() {
        Map<String, Object> controls = new ConcurrentHashMap<>();
        services.forEach((name, service) -> {
            controls.put(name + ".kill", (Runnable) service::kill);
            controls.put(name + ".start", (Runnable) service::restart);
            controls.put(name + ".silence", (Runnable) service.proxy::silence);
            controls.put(name + ".refuse", (Runnable) service.proxy::refuse);
            controls.put(name + ".resume", (Runnable) service.proxy::resume);
            controls.put(name + ".connections", (LongSupplier) service.proxy::connections);
        });
        controls.put("spans", (Function<String, List<Map<String, String>>>) traceId -> sink.trace(traceId).stream()
                .map(Platform::describe)
                .toList());
        return controls;
    }

    private static Map<String, String> describe(ReceivedSpan span) {
        return Map.of("service", span.service(), "name", span.name(), "kind", Integer.toString(span.kind()),
                "span_id", span.spanId(), "parent_span_id", span.parentSpanId());
    }

    /** One packaged service, its database and the proxy in front of it. */
    private static final class Service {

        private final String name;
        private final Path jar;
        private final Map<String, String> env;
        private final PostgresDatabase database;
        private final TcpProxy proxy;
        private volatile QuarkusApp app;
        private int restarts;

        private Service(String name, Path jar, Map<String, String> env, PostgresDatabase database, QuarkusApp app) {
            this.name = name;
            this.jar = jar;
            this.env = env;
            this.database = database;
            this.app = app;
            this.proxy = TcpProxy.start(name, app.port());
        }

        static Service start(String name, Path jar, PostgresDatabase database, Map<String, String> env) {
            return new Service(name, jar, env, database, QuarkusApp.start(name, jar, env));
        }

        /** SIGKILL, as when the process or its machine dies; the proxy resets connections from now on. */
        synchronized void kill() {
            app.kill();
        }

        /** A new process on the same database, on a new port the proxy forwards to. */
        synchronized void restart() {
            app.close();
            restarts++;
            app = QuarkusApp.start(name + "-restart-" + restarts, jar, env);
            proxy.retarget(app.port());
        }

        void close() {
            proxy.close();
            app.close();
            database.drop();
        }
    }
}
