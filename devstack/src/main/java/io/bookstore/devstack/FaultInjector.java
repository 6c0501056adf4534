package io.bookstore.devstack;

import io.bookstore.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The faults of a chaos run, each done for real to the running stack and healed again:
 * processes killed with SIGKILL (the devstack's supervisor restarts them), the broker killed
 * and started on its data, the run's own PostgreSQL restarted, the PSP frozen (SIGSTOP, so it
 * keeps its intents as a provider would) or misbehaving through its fault API, the topic
 * deleted and made again.
 */
final class FaultInjector {

    /** Every kind, in the order of the default schedule: each service's kill is followed by a fault of another layer. */
    enum Kind {
        KILL_OUTBOX_PUBLISHER("kill outbox-publisher"),
        PSP_LATENCY("PSP latency"),
        KILL_PAYMENTS_GATEWAY("kill payments-gateway"),
        KAFKA_KILLED("Kafka broker killed"),
        KILL_ORDERS("kill orders"),
        PSP_5XX("PSP 5xx"),
        KILL_CATALOG("kill catalog"),
        POSTGRES_RESTARTED("PostgreSQL restarted"),
        KILL_STOREFRONT("kill storefront"),
        WEBHOOKS_DROPPED("webhooks dropped"),
        KILL_RECOMMENDATIONS("kill recommendations"),
        WEBHOOKS_DUPLICATED("webhooks duplicated"),
        PSP_UNREACHABLE("PSP unreachable"),
        WEBHOOKS_OUT_OF_ORDER("webhooks out of order"),
        TOPIC_RECREATED("topic deleted and recreated");

        final String title;

        Kind(String title) {
            this.title = title;
        }

        /** A service's SIGKILL. */
        boolean isKill() {
            return name().startsWith("KILL_");
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was done: when (ms from the load's start), until it was healed, and what happened or why it was skipped. */
    record Injected(Kind kind, long atMillis, long healedAtMillis, String note) {
        /** Skipped (no fault API) and failed faults are in the schedule, not in the counts. */
        boolean done() {
            return !note.startsWith("skipped") && !note.startsWith("failed");
        }
    }

    /** What a fault took down was ready again: when (on the nanoTime clock), and how long each part took. */
    record Recovery(long readyAtNanos, String note) {
    }

    /** How long what a fault took down may take to be ready again before the run says it was not. */
    static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);

    /** How long a fault that lasts (PSP frozen or misbehaving, broker down) lasts. */
    static final Duration HOLD = Duration.ofSeconds(8);

    private final Stack stack;
    private final ThrowawayPostgres postgres;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Kind, CompletableFuture<Optional<Recovery>>> recoveries = new ConcurrentHashMap<>();
    /** Threads of their own: a join on a common-pool thread may run a minutes-long watcher inline. */
    private final ExecutorService watchers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-recovery-watcher");
        thread.setDaemon(true);
        return thread;
    });

    FaultInjector(Stack stack, ThrowawayPostgres postgres) {
        this.stack = stack;
        this.postgres = postgres;
    }

    /** Does the fault, holds it where it lasts, heals it; returns a note (empty when all went as meant). */
    String inject(Kind kind) throws InterruptedException {
        return switch (kind) {
            case KILL_OUTBOX_PUBLISHER -> kill(kind, Service.OUTBOX_PUBLISHER);
            case KILL_PAYMENTS_GATEWAY -> kill(kind, Service.PAYMENTS_GATEWAY);
            case KILL_ORDERS -> kill(kind, Service.ORDERS);
            case KILL_CATALOG -> kill(kind, Service.CATALOG);
            case KILL_STOREFRONT -> kill(kind, Service.STOREFRONT);
            case KILL_RECOMMENDATIONS -> kill(kind, Service.RECOMMENDATIONS);
            case KAFKA_KILLED -> killKafka();
            case POSTGRES_RESTARTED -> restartPostgres(kind);
            case PSP_UNREACHABLE -> freezePsp();
            case PSP_LATENCY -> pspFaults("{\"latency_ms\":3000}");
            case PSP_5XX -> pspFaults("{\"error_rate\":0.5}");
            case WEBHOOKS_DROPPED -> pspFaults("{\"webhook_drop_rate\":0.5}");
            case WEBHOOKS_DUPLICATED -> pspFaults("{\"webhook_duplicates\":2}");
            case WEBHOOKS_OUT_OF_ORDER -> pspFaults("{\"webhook_out_of_order_rate\":0.5}");
            case TOPIC_RECREATED -> recreateTopic();
        };
    }

    /** Undoes whatever a fault left behind if the run was cut short: the PSP running and faultless, the broker up. */
    void healAll() {
        stack.pid(Service.PSP_SIMULATOR).ifPresent(pid -> signal("CONT", pid));
        if (!stack.kafka().isRunning()) {
            stack.kafka().start();
        }
        try {
            putFaults(NO_FAULTS);
        } catch (IOException | InterruptedException ignored) {
            // Nothing to heal where the simulator has no fault API.
        }
    }

    private static final String NO_FAULTS = "{\"latency_ms\":0,\"error_rate\":0,\"webhook_drop_rate\":0,"
            + "\"webhook_duplicates\":0,\"webhook_out_of_order_rate\":0}";

    /**
     * SIGKILL; the schedule goes on at once, while a watcher waits (up to {@link #RECOVERY_LIMIT})
     * for the supervisor's new process to be ready: what the crash cost, in {@link #recovery}.
     */
    private String kill(Kind kind, Service service) {
        long pid = stack.pid(service).orElseThrow(() -> new IllegalStateException(service.module() + " has no process"));
        long killed = System.nanoTime();
        signal("KILL", pid);
        recoveries.put(kind, CompletableFuture.supplyAsync(() -> awaitReadyAgain(service, pid, killed), watchers));
        return "pid " + pid;
    }

    /**
     * An immediate restart (every connection cut); the schedule goes on once it accepts connections
     * again, while a watcher waits for each service with a database to be ready again: a pool that
     * keeps a dead connection, or a health check that trusts one, shows here.
     */
    private String restartPostgres(Kind kind) {
        long restarted = System.nanoTime();
        postgres.restart();
        recoveries.put(kind, CompletableFuture.supplyAsync(() -> awaitDatabaseUsersReady(restarted), watchers));
        return "";
    }

    /** Whether {@link #recovery} will tell when what the fault took down was ready again. */
    static boolean watched(Kind kind) {
        return kind == Kind.POSTGRES_RESTARTED || kind.isKill();
    }

    /** When what the fault took down was ready again; empty when it was not within the limit. */
    Optional<Recovery> recovery(Kind kind) {
        CompletableFuture<Optional<Recovery>> recovery = recoveries.get(kind);
        return recovery == null ? Optional.empty() : recovery.join();
    }

    private Optional<Recovery> awaitReadyAgain(Service service, long pid, long killed) {
        long deadline = killed + RECOVERY_LIMIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (stack.pid(service).filter(now -> now != pid).isPresent() && ready(service)) {
                    long ready = System.nanoTime();
                    return Optional.of(new Recovery(ready, "ready again after " + (ready - killed) / 1_000_000 + " ms"));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Polls every service with a database in turn, each until its first ready answer, so that a slow one delays no other's figure. */
    private Optional<Recovery> awaitDatabaseUsersReady(long restarted) {
        Map<Service, Long> readyAt = new EnumMap<>(Service.class);
        List<Service> users = Stream.of(Service.values()).filter(service -> service.database().isPresent()).toList();
        long deadline = restarted + RECOVERY_LIMIT.toNanos();
        try {
            while (readyAt.size() < users.size()) {
                if (System.nanoTime() > deadline) {
                    return Optional.empty();
                }
                for (Service service : users) {
                    if (!readyAt.containsKey(service) && ready(service)) {
                        readyAt.put(service, System.nanoTime());
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        long last = readyAt.values().stream().mapToLong(Long::longValue).max().orElse(restarted);
        String each = readyAt.entrySet().stream()
                .map(entry -> entry.getKey().module() + " " + (entry.getValue() - restarted) / 1_000_000)
                .collect(Collectors.joining(", "));
        return Optional.of(new Recovery(last, "services ready again after " + (last - restarted) / 1_000_000 + " ms (" + each + " ms)"));
    }

    private boolean ready(Service service) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String killKafka() throws InterruptedException {
        long pid = stack.kafka().pid().orElseThrow(() -> new IllegalStateException("the broker has no process"));
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
        broker.destroyForcibly();
        broker.onExit().join();
        Thread.sleep(HOLD.toMillis());
        stack.kafka().start();
        return "pid " + pid + ", down " + HOLD.toSeconds() + " s";
    }

    private String freezePsp() throws InterruptedException {
        long pid = stack.pid(Service.PSP_SIMULATOR).orElseThrow();
        signal("STOP", pid);
        try {
            Thread.sleep(HOLD.toMillis());
        } finally {
            signal("CONT", pid);
        }
        return "SIGSTOP " + HOLD.toSeconds() + " s";
    }

    private String pspFaults(String body) throws InterruptedException {
        try {
            int status = putFaults(body);
            if (status == 404 || status == 405) {
                return "skipped: the simulator has no PUT /sim/faults (" + status + ")";
            }
            if (status / 100 != 2) {
                return "skipped: PUT /sim/faults answered " + status;
            }
            Thread.sleep(HOLD.toMillis());
            putFaults(NO_FAULTS);
            return body;
        } catch (IOException e) {
            return "skipped: PUT /sim/faults failed: " + e.getMessage();
        }
    }

    private int putFaults(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Service.PSP_SIMULATOR.baseUrl() + "/sim/faults"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + PspIntents.SECRET_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A broker that lost its volume: the topic and everything on it gone, then made again empty. */
    private String recreateTopic() throws InterruptedException {
        try (Admin admin = stack.kafka().admin()) {
            admin.deleteTopics(List.of(Topics.ORDERS)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            while (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(Topics.ORDERS)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return "failed: the topic could not be deleted: " + e.getMessage();
        }
        Thread.sleep(2_000);
        stack.kafka().createTopic(Topics.ORDERS, Stack.TOPIC_PARTITIONS);
        return "";
    }

    private static void signal(String signal, long pid) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
