package io.bookstore.devstack;

import io.bookstore.contracts.Topics;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.OtlpTraceSink;
import io.bookstore.testkit.QuarkusApp;
import io.bookstore.testkit.ReceivedSpan;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * The whole bookstore on this machine: the databases on a PostgreSQL server, a Kafka broker
 * (KRaft, child JVM) with the order topics, Keycloak with the {@code bookstore} realm, an
 * OTLP sink writing spans to a file, Tempo's trace query API answering from them, and the
 * services from their packaged jars, each logging to its own file. {@link #up()} either
 * returns with everything ready or stops what it started and throws.
 */
final class Stack {

    static final int TOPIC_PARTITIONS = 3;
    /** The line a detached {@code up} waits for in the devstack's output. */
    static final String READY_LINE = "The bookstore is up.";

    private final StackSettings settings;
    private final StackDirectory directory;
    private final PrintStream out;
    private final PostgresServer postgres;
    private final List<SupervisedService> apps = new ArrayList<>();
    private final Map<Service, Duration> readyAfter = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaBroker kafka;
    /** Set by the thread that starts it, beside the services. */
    private volatile KeycloakServer keycloak;
    private OtlpTraceSink sink;
    private SpanFile spanFile;
    private RecentTraces traces;
    private TraceQueryServer traceApi;
    private final List<MonitoringServer> monitoring = new ArrayList<>();

    Stack(StackSettings settings, PostgresServer postgres, PrintStream out) {
        this.settings = settings;
        this.directory = settings.directory();
        this.postgres = postgres;
        this.out = out;
    }

    void up() {
        checkJars();
        Ports.requireFree(neededPorts());
        directory.create();
        directory.forgetProcesses();
        directory.writePid(ProcessHandle.current().pid());
        CompletableFuture<Void> identity = CompletableFuture.completedFuture(null);
        try {
            startDatabases();
            if (settings.fresh()) {
                // Before Keycloak starts beside Kafka: its home is part of what goes.
                directory.deleteRunData();
            }
            // Keycloak takes longest: it starts beside Kafka and the services, and is awaited last.
            identity = CompletableFuture.runAsync(this::startKeycloak);
            startKafka();
            startTraceSink();
            startServices(identity);
            join(identity);
            startMonitoring();
        } catch (RuntimeException failure) {
            // Whatever became of Keycloak's start, it is over before stop() looks for it.
            identity.exceptionally(ignored -> null).join();
            stop();
            throw failure;
        }
    }

    /** Runs the demo checkout and prints it, with its trace once the services exported it. */
    void demo() {
        DemoCheckout.Result result = DemoCheckout.run(keycloak.tokens());
        out.println();
        out.println("Demo checkout (" + DemoCheckout.user() + ", tenant " + DemoCheckout.TENANT + "): order " + result.orderId()
                + " is " + result.status() + ", trace " + result.traceId());
        if (settings.telemetry() && traces != null) {
            out.println();
            out.print(Waterfall.render(result.traceId(), awaitTrace(result.traceId())));
        }
    }

    void printSummary() {
        out.println();
        out.println("Services:");
        for (Service service : settings.services()) {
            out.printf(Locale.ROOT, "  %-18s %-24s ready after %5.1f s   log %s%n", service.module(), service.baseUrl(),
                    readyAfter.getOrDefault(service, Duration.ZERO).toMillis() / 1000.0, directory.log(service));
        }
        out.println("  Kafka              127.0.0.1:" + Ports.KAFKA + "           data and log in " + directory.kafka());
        out.println("  Keycloak           " + keycloak.url() + "    realm bookstore, admin console user admin, password in "
                + directory.keycloak().resolve("admin.password"));
        out.println("  PostgreSQL         " + postgres.describe() + "   databases " + String.join(", ", Service.databases()));
        if (settings.telemetry()) {
            out.println("  OTLP/HTTP traces   http://127.0.0.1:" + Ports.OTLP_HTTP + "   spans in " + directory.spans());
            out.println("  Tempo trace API    " + traceApi.url() + "   GET /api/traces/<trace id>, as Tempo answers it");
        }
        for (MonitoringServer server : monitoring) {
            out.printf(Locale.ROOT, "  %-18s %-24s log %s%n", server.kind().title, server.kind().url(),
                    directory.logs().resolve(server.kind().name().toLowerCase(Locale.ROOT) + ".log"));
        }
        for (Service absent : absentServices()) {
            out.println("  " + absent.module() + " is not started here; run it yourself against this stack:");
            out.println("      eval \"$(./bookstore env " + absent.module() + ")\" && ./mvnw quarkus:dev -pl " + absent.module());
        }
        out.println();
        if (settings.services().contains(Service.STOREFRONT)) {
            out.println("shop: " + Service.STOREFRONT.baseUrl() + "/ (sign in as alice or bob, password bookstore)");
        }
        out.println("Try:   curl -s localhost:8080/api/v2/books?limit=3");
        out.println("       ./bookstore token --tenant acme   (an access token of alice, tenant acme)");
        out.println("       ./bookstore trace            (the latest checkout as a waterfall; or give a trace id)");
        out.println("       ./bookstore load checkout --rate 20 --duration 30s");
        out.println("Stop:  ./bookstore down, or Ctrl-C where it runs in the foreground");
        out.println(READY_LINE);
        out.flush();
    }

    /** The process of a service now (the supervisor's latest start of it). */
    Optional<Long> pid(Service service) {
        return apps.stream().filter(app -> app.service() == service).findFirst().flatMap(SupervisedService::pid);
    }

    /** How often the supervisor restarted each service. */
    Map<String, Integer> restarts() {
        Map<String, Integer> restarts = new LinkedHashMap<>();
        apps.forEach(app -> restarts.put(app.service().module(), app.restarts()));
        return restarts;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    /** Blocks until {@link #stop()} ran, from a shutdown hook (Ctrl-C, {@code down}) or a failure. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the services, then Kafka, then the sink; safe to call more than once. */
    synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        out.println("Stopping " + (apps.isEmpty() ? "" : "the services, then ") + "Kafka and Keycloak ...");
        List<CompletableFuture<Void>> stopping = apps.stream()
                .map(app -> CompletableFuture.runAsync(app::stop))
                .toList();
        stopping.forEach(CompletableFuture::join);
        monitoring.forEach(MonitoringServer::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (sink != null) {
            sink.close();
        }
        if (traceApi != null) {
            traceApi.close();
        }
        if (spanFile != null) {
            spanFile.close();
        }
        directory.forgetProcesses();
        out.println("Stopped.");
        out.flush();
        stopped.countDown();
    }

    private void checkJars() {
        for (Service service : settings.services()) {
            if (!Files.isRegularFile(service.jar(settings.home()))) {
                throw new StackFailure(service.jar(settings.home()) + " does not exist",
                        "build the services: ./mvnw package -DskipTests -pl devstack -am (./bookstore up does it when a jar is missing)");
            }
        }
    }

    private Map<Integer, String> neededPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(Ports.KAFKA, "Kafka");
        ports.put(Ports.KAFKA_CONTROLLER, "Kafka's controller");
        ports.put(Ports.KEYCLOAK, "Keycloak");
        if (settings.telemetry()) {
            ports.put(Ports.OTLP_HTTP, "the OTLP trace receiver");
            ports.put(Ports.TEMPO_HTTP, "the trace query API");
        }
        settings.services().forEach(service -> ports.put(service.port(), service.module()));
        return ports;
    }

    private void startDatabases() {
        List<String> created = postgres.prepare(Service.databases(), settings.fresh());
        out.println("PostgreSQL " + postgres.describe() + ": " + String.join(", ", Service.databases())
                + (created.isEmpty() ? " (kept from the last run)" : " (created " + String.join(", ", created) + ")"));
    }

    private void startKafka() {
        Instant start = Instant.now();
        try {
            kafka = KafkaBroker.persistent(directory.kafka(), Ports.KAFKA, Ports.KAFKA_CONTROLLER, niceness(CpuTier.BACKGROUND));
            kafka.start();
            kafka.pid().ifPresent(pid -> directory.recordChild("kafka", pid));
            kafka.createTopic(Topics.ORDERS, TOPIC_PARTITIONS);
            kafka.createTopic(Topics.ORDERS_DLQ, TOPIC_PARTITIONS);
        } catch (RuntimeException e) {
            throw new StackFailure("Kafka did not start: " + e.getMessage(),
                    "read " + directory.kafka().resolve("broker.log") + "; `./bookstore up --fresh` starts it on empty data", e);
        }
        out.printf(Locale.ROOT, "Kafka 127.0.0.1:%d ready after %.1f s, topics %s and %s%n", Ports.KAFKA,
                Duration.between(start, Instant.now()).toMillis() / 1000.0, Topics.ORDERS, Topics.ORDERS_DLQ);
    }

    private void startKeycloak() {
        Instant start = Instant.now();
        try {
            keycloak = KeycloakServer.persistent(directory.keycloak(), Ports.KEYCLOAK);
            keycloak.start();
            keycloak.pid().ifPresent(pid -> directory.recordChild("keycloak", pid));
            keycloak.jvmPid().ifPresent(pid -> directory.recordChild("keycloak-jvm", pid));
        } catch (RuntimeException e) {
            throw new StackFailure("Keycloak did not start: " + e.getMessage(),
                    "read " + directory.keycloak().resolve("keycloak.log") + "; `./bookstore up --fresh` starts it on the realm file's data", e);
        }
        out.printf(Locale.ROOT, "Keycloak %s ready after %.1f s, realm bookstore (issuer %s)%n", keycloak.url(),
                Duration.between(start, Instant.now()).toMillis() / 1000.0, keycloak.issuer());
    }

    private void startTraceSink() {
        if (!settings.telemetry()) {
            return;
        }
        spanFile = new SpanFile(directory.spans());
        traces = new RecentTraces(spanFile, RecentTraces.MAX_TRACES, RecentTraces.MAX_SPANS);
        sink = OtlpTraceSink.start(Ports.OTLP_HTTP, traces::append);
        traceApi = TraceQueryServer.start(Ports.TEMPO_HTTP, traces::trace);
    }

    /** Optional: the stack runs without them, and says how to get them. */
    private void startMonitoring() {
        if (!settings.monitoring()) {
            return;
        }
        for (MonitoringServer.Kind kind : MonitoringServer.Kind.values()) {
            Optional<Path> executable = kind.installed();
            if (executable.isEmpty()) {
                out.println(kind.title + " is not installed (Debian: apt-get install prometheus prometheus-alertmanager)");
                continue;
            }
            if (!Ports.isFree(kind.port)) {
                out.println("Port " + kind.port + " is taken: not starting " + kind.title);
                continue;
            }
            MonitoringServer server = switch (kind) {
                case PROMETHEUS -> MonitoringServer.startPrometheus(executable.get(), settings.home(), directory);
                case ALERTMANAGER -> MonitoringServer.startAlertmanager(executable.get(), settings.home(), directory);
            };
            monitoring.add(server);
            directory.recordChild(kind.name().toLowerCase(Locale.ROOT), server.pid());
            out.println(kind.title + " " + kind.url() + switch (kind) {
                case PROMETHEUS -> " scrapes the services with observability/prometheus/prometheus.yml and evaluates its rules";
                case ALERTMANAGER -> " routes the alerts with observability/alertmanager/alertmanager.yml"
                        + " (stand-in receiver secrets in " + directory.root().resolve("alertmanager/secrets") + ")";
            });
        }
    }

    private int niceness(CpuTier tier) {
        return settings.cpuTiers() ? tier.niceness() : 0;
    }

    private void startServices(CompletableFuture<Void> identity) {
        ServiceEnvironment environments = new ServiceEnvironment(postgres, settings.telemetry());
        new AotTraining(settings, postgres, out).runIfNeeded(environments, () -> {
            join(identity);
            return keycloak.issuer();
        });
        out.println("Starting " + String.join(", ", Service.modules(settings.services())) + " (logs in " + directory.logs() + ")");
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Service service : settings.services()) {
            Map<String, String> env = new LinkedHashMap<>(environments.of(service));
            env.putAll(settings.extraEnv());
            Instant launched = Instant.now();
            SupervisedService app = new SupervisedService(service, service.jar(settings.home()), directory.log(service), env,
                    niceness(service.cpuTier()), settings.jit(), directory, out);
            app.launch();
            apps.add(app);
            CompletableFuture<Void> readiness = CompletableFuture.runAsync(() -> awaitReady(service, app, launched));
            if (settings.oneAtATime()) {
                join(readiness);
            }
            ready.add(readiness);
        }
        ready.forEach(this::join);
    }

    private void awaitReady(Service service, SupervisedService app, Instant launched) {
        try {
            app.awaitReady(settings.readyTimeout());
        } catch (IllegalStateException e) {
            throw new StackFailure(service.module() + " did not start: " + e.getMessage(),
                    "read " + directory.log(service) + "; a database or Kafka error there names what it needs");
        }
        Duration took = Duration.between(launched, Instant.now());
        synchronized (readyAfter) {
            readyAfter.put(service, took);
        }
        out.printf(Locale.ROOT, "  %-18s ready after %5.1f s%n", service.module(), took.toMillis() / 1000.0);
    }

    private void join(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private List<Service> absentServices() {
        return List.of(Service.values()).stream().filter(service -> !settings.services().contains(service)).toList();
    }

    /**
     * The demo's trace is complete when its root (the checkout, exported once it answered) and
     * the spans of every traced service arrived.
     */
    private List<ReceivedSpan> awaitTrace(String traceId) {
        long tracedServices = settings.services().stream().filter(service -> service != Service.PSP_SIMULATOR).count();
        Instant deadline = Instant.now().plusSeconds(10);
        List<ReceivedSpan> spans = traces.inMemory(traceId);
        while (Instant.now().isBefore(deadline)
                && (spans.stream().noneMatch(ReceivedSpan::isRoot)
                        || spans.stream().map(ReceivedSpan::service).distinct().count() < tracedServices)) {
            sleep(Duration.ofMillis(250));
            spans = traces.inMemory(traceId);
        }
        return spans;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
