package io.bookstore.devstack;

import io.bookstore.loadgen.ChaosLoad;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.OtlpTraceSink;
import io.bookstore.testkit.QuarkusApp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Once per build, before the stack's services first start: records each service's JDK AOT
 * cache ({@code app-trained.aot}, which {@link QuarkusApp#command} prefers) from a run of the
 * whole bookstore under checkout load. The cache then holds what the start and a checkout load
 * and link, and the method profiles of the code a checkout runs hot (JEP 515), so that a fresh
 * stack's JIT compiles that code at once instead of after minutes of profiling: in its first
 * minute a fresh stack accepts about 1.5 times the checkouts it did from a cache trained on a
 * start alone, twice as many in that minute's last 20 s (docs/benchmarks.md). Restarts start
 * from it too.
 *
 * <p>The run is apart from the stack's data: databases of its own (dropped afterwards), a
 * temporary Kafka broker, a span receiver that drops what it gets; it shares the stack's Keycloak, whose load users sign
 * in. All seven services train together on their usual ports, so it is skipped, and says so,
 * when one of those ports is taken (a service run in dev mode beside the stack), as with
 * {@code BOOKSTORE_AOT_TRAINING=off} and on a JDK before 25; a training that fails says so too,
 * and the services start from the package-time cache.
 */
final class AotTraining {

    /** {@code off} skips the training. */
    static final String VARIABLE = "BOOKSTORE_AOT_TRAINING";
    private static final String DATABASE_SUFFIX = "_aot_training";
    /** About what a fresh stack on two cores serves: enough for every checkout path to run hot. */
    private static final double RATE = 10;
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final int TENANTS = 2;
    private static final double DECLINE_SHARE = 0.1;

    private final StackSettings settings;
    private final StackDirectory directory;
    private final PostgresServer postgres;
    private final PrintStream out;

    AotTraining(StackSettings settings, PostgresServer postgres, PrintStream out) {
        this.settings = settings;
        this.directory = settings.directory();
        this.postgres = postgres;
        this.out = out;
    }

    /**
     * Trains every service when one that this stack starts has no trained cache newer than its
     * jar (a service left to dev mode with {@code --without} needs none). {@code keycloakIssuer}
     * waits for the stack's Keycloak, which starts beside the training.
     */
    void runIfNeeded(ServiceEnvironment stackEnvironment, Supplier<String> keycloakIssuer) {
        List<Service> services = List.of(Service.values());
        boolean needed = settings.services().stream().anyMatch(service -> !QuarkusApp.hasTrainedAotCache(service.jar(settings.home())));
        if (!needed || !QuarkusApp.canTrainAotCache() || "off".equals(System.getenv(VARIABLE))) {
            return;
        }
        List<Service> taken = services.stream().filter(service -> !Ports.isFree(service.port())).toList();
        if (!taken.isEmpty()) {
            out.println("Not training the JDK's AOT caches: the port of " + String.join(", ", Service.modules(taken))
                    + " is taken; the services start from the package-time cache");
            return;
        }
        if (services.stream().anyMatch(service -> !Files.isRegularFile(service.jar(settings.home())))) {
            out.println("Not training the JDK's AOT caches: not every service is packaged; ./mvnw package -DskipTests packages them");
            return;
        }
        out.println("Training the JDK's AOT cache of every service on " + LOAD.toSeconds() + " s of checkouts, apart from the"
                + " stack's data (once per build; " + VARIABLE + "=off skips it) ...");
        out.flush();
        Instant start = Instant.now();
        try {
            train(services, stackEnvironment, keycloakIssuer);
            out.printf(Locale.ROOT, "  trained in %.1f s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0);
        } catch (RuntimeException failed) {
            out.println("  not trained (" + firstLine(failed) + "); the services without a trained cache start from the package-time one");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted while training the AOT caches", "start again", e);
        }
        out.flush();
    }

    private void train(List<Service> services, ServiceEnvironment stackEnvironment, Supplier<String> keycloakIssuer)
            throws InterruptedException {
        ServiceEnvironment apart = null;
        KafkaBroker broker = KafkaBroker.temporary();
        Map<Service, QuarkusApp> apps = new LinkedHashMap<>();
        // Telemetry on, as the stack runs by default, for what tracing loads and runs hot; the spans are dropped.
        try (OtlpTraceSink spans = OtlpTraceSink.start(0, received -> { })) {
            broker.start();
            broker.withOrderTopics();
            apart = stackEnvironment.apart(DATABASE_SUFFIX, broker.bootstrapServers(), spans.endpoint());
            postgres.prepare(apart.databases(), true);
            for (Service service : services) {
                apps.put(service, launch(service, apart));
            }
            for (QuarkusApp app : apps.values()) {
                app.awaitReady(settings.readyTimeout());
            }
            ChaosLoad.Result load = new ChaosLoad(new ChaosLoad.Settings(Service.STOREFRONT.baseUrl(), keycloakIssuer.get(), RATE,
                    LOAD, TENANTS, DECLINE_SHARE, Duration.ofSeconds(10), Duration.ZERO, 1)).run(() -> { });
            long accepted = load.checkouts().stream().filter(checkout -> checkout.answer() == ChaosLoad.Answer.ACCEPTED).count();
            out.printf(Locale.ROOT, "  %d checkouts, %d accepted; stopping the services, each writes its cache ...%n",
                    load.sent(), accepted);
            out.flush();
            keepCaches(apps);
        } finally {
            apps.values().forEach(QuarkusApp::close);
            broker.stopAndDelete();
            if (apart != null) {
                postgres.drop(apart.databases());
            }
        }
    }

    private QuarkusApp launch(Service service, ServiceEnvironment apart) {
        Map<String, String> env = new LinkedHashMap<>(apart.of(service));
        env.putAll(settings.extraEnv());
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
        Path log = directory.log(service);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "devstack: training the JDK's AOT cache (a run with -XX:AOTCacheOutput under checkout load)\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + log + ": " + e.getMessage(), e);
        }
        return QuarkusApp.launchForAotTraining(service.module() + "-training", service.jar(settings.home()), service.port(), log, env);
    }

    /** Stops them all at once: each JVM assembles its cache on the way out, which takes seconds of CPU. */
    private void keepCaches(Map<Service, QuarkusApp> apps) {
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> kept = new ArrayList<>();
            apps.forEach((service, app) -> kept.add(CompletableFuture.supplyAsync(() -> keepCache(service, app), each)));
            kept.stream().map(CompletableFuture::join).forEach(out::println);
        }
    }

    private String keepCache(Service service, QuarkusApp app) {
        try {
            Path cache = app.keepTrainedAotCache(service.jar(settings.home()), settings.readyTimeout());
            return String.format(Locale.ROOT, "  %-18s %4d MB", service.module(), Files.size(cache) >> 20);
        } catch (IOException | RuntimeException failed) {
            return "  " + service.module() + ": no cache (" + firstLine(failed) + "); it starts from the package-time one";
        }
    }

    private static String firstLine(Exception failed) {
        return failed.getMessage() == null ? failed.toString() : failed.getMessage().lines().findFirst().orElse("");
    }
}
