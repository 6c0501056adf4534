package io.bookstore.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bookstore.contracts.Topics;
import io.bookstore.loadgen.ChaosLoad;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./bookstore chaos}: the stack on a PostgreSQL cluster of its own, under open-loop
 * checkout load while {@link FaultInjector} works through every fault kind; then the faults
 * heal, the system drains, and {@link InvariantChecker} reads what every part stored. Writes
 * {@code result.json} and {@code timeline.svg} into the run folder, prints the tables, and
 * returns 1 when any invariant was violated.
 */
final class ChaosRun {

    /** The options of one run. */
    record Settings(Path home, Path folder, Duration duration, double rate, long seed, int tenants, double declineShare,
                    Duration drainTimeout, Duration retryFor, Map<String, String> env, boolean cpuTiers, Jit jit, Duration readyTimeout,
                    List<FaultInjector.Kind> faults) {
    }

    /** Faults start after this much load, so the stack's first seconds are not counted as a fault's. */
    static final Duration QUIET_START = Duration.ofSeconds(10);
    /** The share of the load's duration over which the faults are spread; the rest shows the recovery. */
    static final double FAULT_SHARE = 0.8;
    static final int RESTOCK = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Settings settings;
    private final PrintStream out;

    /** Prints to {@code console} and to {@code chaos.log} in the run folder, so that a run's story stays with its results. */
    ChaosRun(Settings settings, PrintStream console) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.folder());
        OutputStream log = Files.newOutputStream(settings.folder().resolve("chaos.log"));
        this.out = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                console.write(b);
                log.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                console.write(bytes, offset, length);
                log.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                console.flush();
                log.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    int run() throws Exception {
        Instant startedAt = Instant.now();
        // The run waits minutes for the stack anyway; a Keycloak home made on a busy machine may take that long.
        System.setProperty("bookstore.testkit.keycloak.start-timeout-seconds",
                System.getProperty("bookstore.testkit.keycloak.start-timeout-seconds", "600"));
        out.println("Chaos run: " + settings.rate() + " checkouts/s for " + settings.duration().toSeconds() + " s, seed "
                + settings.seed() + ", results in " + settings.folder());
        Files.createDirectories(settings.folder());
        ThrowawayPostgres postgres = ThrowawayPostgres.start(settings.folder().resolve("postgres"));
        PostgresServer server = new PostgresServer("127.0.0.1", postgres.port(), "postgres", "");
        out.println("PostgreSQL of this run on 127.0.0.1:" + postgres.port() + " (" + settings.folder().resolve("postgres") + ")");
        Stack stack = new Stack(new StackSettings(settings.home(), new StackDirectory(settings.folder().resolve("stack")),
                // One at a time: seven JVMs starting at once on a small, busy machine time out on their pools.
                List.of(Service.values()), true, false, false, false, true, settings.cpuTiers(), settings.jit(), settings.env(),
                settings.readyTimeout()), server, out);
        Thread cleanup = new Thread(() -> {
            stack.stop();
            postgres.stop();
        }, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            stack.up();
            return loadFaultAndCheck(stack, postgres, server, startedAt);
        } finally {
            stack.stop();
            postgres.stop();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private int loadFaultAndCheck(Stack stack, ThrowawayPostgres postgres, PostgresServer server, Instant startedAt) throws Exception {
        execute(server, "bookstore_catalog", "UPDATE books SET stock = " + RESTOCK + " WHERE stock < " + RESTOCK);
        Map<String, Integer> initialStock = InvariantChecker.stock(server);
        FaultInjector injector = new FaultInjector(stack, postgres);
        List<Timed> faults = new ArrayList<>();
        ChaosLoad.Result load;
        try (TopicRecorder recorder = new TopicRecorder("127.0.0.1:" + Ports.KAFKA, Topics.ORDERS)) {
            ChaosLoad chaosLoad = new ChaosLoad(new ChaosLoad.Settings(Service.STOREFRONT.baseUrl(), stack.keycloak().issuer(),
                    settings.rate(), settings.duration(), settings.tenants(), settings.declineShare(), Duration.ofSeconds(10),
                    settings.retryFor(), settings.seed()));
            Thread schedule = new Thread(() -> runSchedule(injector, faults, System.nanoTime()), "chaos-fault-schedule");
            try {
                load = chaosLoad.run(schedule::start);
            } catch (RuntimeException loadFailed) {
                out.println("The load failed, the faults go on to their end first: " + loadFailed);
                throw loadFailed;
            } finally {
                if (schedule.isAlive()) {
                    schedule.join();
                }
                injector.healAll();
            }
            out.printf(Locale.ROOT, "Load done: %d checkouts sent; faults healed. Draining (up to %d s) ...%n", load.sent(),
                    settings.drainTimeout().toSeconds());
            Duration drained = drain(server);
            recorder.awaitCaughtUp(Duration.ofSeconds(30));
            List<TopicRecorder.Event> events = recorder.events();
            Optional<List<PspIntents.Intent>> intents = new PspIntents(Service.PSP_SIMULATOR.baseUrl()).all();
            InvariantChecker checker = new InvariantChecker();
            checker.check(server, initialStock, load, events, intents);
            List<FaultInjector.Injected> injected = faults.stream()
                    .map(timed -> timed.recovered(injector).relativeTo(load.startNanos())).toList();
            ChaosReport report = new ChaosReport(settings, startedAt, load, injected, stack.restarts(), checker, drained,
                    events.size());
            report.print(out);
            Files.writeString(settings.folder().resolve("result.json"), JSON.writeValueAsString(report.json()));
            Files.writeString(settings.folder().resolve("timeline.svg"), TimelineSvg.render(load, injected, settings));
            Files.writeString(settings.folder().resolve("checkouts.csv"), report.checkoutsCsv());
            out.println("Wrote " + settings.folder().resolve("result.json") + ", timeline.svg and checkouts.csv");
            if (load.checkouts().stream().noneMatch(checkout -> checkout.answer() == ChaosLoad.Answer.ACCEPTED)) {
                out.println("Inconclusive: no checkout was accepted, so the invariants held over nothing (exit 1).");
                return 1;
            }
            return checker.violations().isEmpty() ? 0 : 1;
        }
    }

    /** A fault as done, on the nanoTime clock until the load's start is known. */
    private record Timed(FaultInjector.Kind kind, long atNanos, long healedNanos, String note) {

        /** A killed service is healed when its new process is ready, a restarted PostgreSQL when every service using it is. */
        Timed recovered(FaultInjector injector) {
            if (!FaultInjector.watched(kind)) {
                return this;
            }
            return injector.recovery(kind)
                    .map(recovery -> new Timed(kind, atNanos, recovery.readyAtNanos(), joined(recovery.note())))
                    .orElseGet(() -> new Timed(kind, atNanos, healedNanos,
                            joined("not ready again within " + FaultInjector.RECOVERY_LIMIT.toMinutes() + " min")));
        }

        private String joined(String more) {
            return note.isEmpty() ? more : note + ", " + more;
        }

        FaultInjector.Injected relativeTo(long startNanos) {
            return new FaultInjector.Injected(kind, (atNanos - startNanos) / 1_000_000, (healedNanos - startNanos) / 1_000_000, note);
        }
    }

    /** Each kind of the settings once, evenly from {@link #QUIET_START} to {@link #FAULT_SHARE} of the duration, one after the other. */
    private void runSchedule(FaultInjector injector, List<Timed> faults, long loadStart) {
        FaultInjector.Kind[] kinds = settings.faults().toArray(FaultInjector.Kind[]::new);
        long first = QUIET_START.toNanos();
        long spacing = Math.max(0, (long) (settings.duration().toNanos() * FAULT_SHARE) - first) / kinds.length;
        for (int i = 0; i < kinds.length; i++) {
            long due = loadStart + first + i * spacing;
            try {
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
                }
                long at = System.nanoTime();
                String note;
                try {
                    note = injector.inject(kinds[i]);
                } catch (RuntimeException failed) {
                    note = "failed: " + failed.getMessage();
                }
                long healed = System.nanoTime();
                synchronized (faults) {
                    faults.add(new Timed(kinds[i], at, healed, note));
                }
                out.printf(Locale.ROOT, "  fault %-28s at %6.1f s %s%n", kinds[i].title, (at - loadStart) / 1e9,
                        note.isEmpty() ? "" : "(" + note + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until no order is pending, the outbox is empty and catalog holds no reservation (once
     * every order ended, a reservation still held is one no order was made for, which the reaper
     * releases after its window), or the drain timeout passed; returns how long it took.
     */
    private Duration drain(PostgresServer server) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(settings.drainTimeout());
        long pending = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                pending = count(server, "bookstore_orders", "SELECT (SELECT count(*) FROM orders WHERE status = 'pending_payment')"
                        + " + (SELECT count(*) FROM outbox)")
                        + count(server, "bookstore_catalog", "SELECT count(*) FROM reservations WHERE status = 'reserved'");
                if (pending == 0) {
                    break;
                }
            } catch (SQLException notYet) {
                // The database may still be recovering from its restart.
            }
            Thread.sleep(1_000);
        }
        // The consumers apply the last events after the orders settle.
        Thread.sleep(5_000);
        Duration took = Duration.between(start, Instant.now());
        out.println(pending == 0 ? "Drained after " + took.toSeconds() + " s."
                : "Not drained after " + took.toSeconds() + " s: " + pending + " orders pending, events unpublished or reservations held.");
        return took;
    }

    private static long count(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Path defaultFolder(Path home) {
        return home.resolve("chaos-results").resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(Instant.now()));
    }

    static Map<String, Object> describe(Settings settings) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("duration_s", settings.duration().toSeconds());
        described.put("rate", settings.rate());
        described.put("seed", settings.seed());
        described.put("tenants", settings.tenants());
        described.put("decline_share", settings.declineShare());
        described.put("drain_timeout_s", settings.drainTimeout().toSeconds());
        described.put("retry_for_s", settings.retryFor().toSeconds());
        described.put("env", settings.env());
        described.put("cpu_tiers", settings.cpuTiers());
        described.put("jit", settings.jit().key());
        described.put("faults", settings.faults().stream().map(FaultInjector.Kind::key).toList());
        return described;
    }
}
