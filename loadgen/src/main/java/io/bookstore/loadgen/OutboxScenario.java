package io.bookstore.loadgen;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Topics;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code outbox}: the relay alone. Rows are written straight into bookstore_orders' outbox
 * at fixed rates and their records are read back from Kafka: commit → consume is an upper
 * bound of outbox-publisher's commit → ack, beside the publisher's own lag histogram.
 */
final class OutboxScenario {

    static final String NAME = "outbox";

    static final Set<String> OPTIONS = Set.of("jdbc-url", "db-user", "db-password", "kafka", "rate", "rates", "duration",
            "warmup", "notify", "connections", "tenants", "metrics-url", "out", "label", "timeout");

    static final String WARNING = "WARNING: the outbox scenario writes synthetic order.created events for orders that do not exist."
            + " Run it against orders + outbox-publisher only, with no payments-gateway, catalog or recommendations consuming"
            + " bookstore.orders.v1.";

    record Settings(
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            String kafka,
            List<Double> rates,
            Duration duration,
            Duration warmup,
            boolean notifyAfterCommit,
            int connections,
            int tenants,
            Optional<String> metricsUrl,
            Optional<String> label,
            Duration timeout) {

        static Settings from(Options options) {
            Optional<String> label = options.optional("label", "");
            label.ifPresent(l -> {
                if (!l.matches("[A-Za-z0-9._-]{1,40}")) {
                    throw new UsageException("--label must be 1-40 letters, digits, '.', '_' or '-', not '" + l + "'");
                }
            });
            return new Settings(
                    options.optionalJdbcUrl("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/bookstore_orders")
                            .orElseThrow(() -> new UsageException("--jdbc-url is needed: the outbox scenario writes the outbox table")),
                    options.string("db-user", "postgres"),
                    options.string("db-password", ""),
                    options.optional("kafka", "127.0.0.1:9092")
                            .orElseThrow(() -> new UsageException("--kafka is needed: the outbox scenario reads the records back")),
                    options.rates(100),
                    options.duration("duration", "20s", Duration.ofSeconds(1)),
                    options.duration("warmup", "5s", Duration.ZERO),
                    options.bool("notify", true),
                    options.integer("connections", 8, 1, 200),
                    options.integer("tenants", 3, 1, 1_000),
                    options.optionalUrl("metrics-url", "http://127.0.0.1:8083/q/metrics"),
                    label,
                    options.duration("timeout", "30s", Duration.ofMillis(100)));
        }

        Map<String, String> describe() {
            Map<String, String> described = new LinkedHashMap<>();
            described.put("jdbc-url", jdbcUrl);
            described.put("kafka", kafka);
            described.put("rates", rates.stream().map(Report::rate).collect(Collectors.joining(",")));
            described.put("duration", Durations.format(duration));
            described.put("warmup", Durations.format(warmup));
            described.put("notify", Boolean.toString(notifyAfterCommit));
            described.put("connections", Integer.toString(connections));
            described.put("tenants", Integer.toString(tenants));
            described.put("metrics-url", metricsUrl.orElse(Options.NONE));
            described.put("label", label.orElse(""));
            described.put("timeout", Durations.format(timeout));
            return described;
        }
    }

    private final Settings settings;
    private final PrintStream out;

    OutboxScenario(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    RunResult run(List<String> commandLine) throws InterruptedException {
        Instant startedAt = Instant.now();
        List<String> notices = new ArrayList<>();
        out.println(WARNING);
        notices.add(WARNING);
        OutboxWriter.checkSchema(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        BlockingQueue<OutboxWriter> writers = new ArrayBlockingQueue<>(settings.connections());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.connections(), runnable -> {
            Thread thread = new Thread(runnable, "loadgen-outbox-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<OutboxStep> current = new AtomicReference<>();
        List<StepResult> steps = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Optional<MetricsScraper> scraper = settings.metricsUrl().map(url -> new MetricsScraper(client, url));
        try (TopicListener listener = TopicListener.start(settings.kafka(), Topics.ORDERS, (record, receivedAt) -> {
                    OutboxStep step = current.get();
                    Optional<UUID> eventId = TopicListener.header(record, CloudEventHeaders.ID).flatMap(OutboxScenario::uuid);
                    if (step != null && eventId.isPresent()) {
                        step.onRecord(eventId.get(), receivedAt);
                    }
                });
                PublishLagProbe lag = new PublishLagProbe(scraper)) {
            for (int i = 0; i < settings.connections(); i++) {
                writers.add(new OutboxWriter(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword()));
            }
            notice(notices, "writing %s with %d connections, pg_notify %s; reading %s at %s", settings.jdbcUrl(),
                    settings.connections(), settings.notifyAfterCommit() ? "after each commit" : "off (the publisher's timer only)",
                    Topics.ORDERS, settings.kafka());
            if (scraper.isPresent() && !lag.reachable()) {
                notice(notices, "no metrics at %s: the publisher's own lag is not reported", settings.metricsUrl().get());
            }
            for (int i = 0; i < settings.rates().size(); i++) {
                double rate = settings.rates().get(i);
                out.printf("%nstep %d/%d: %s events/s, %s warm-up then %s measured ...%n", i + 1, settings.rates().size(),
                        Report.rate(rate), Durations.format(settings.warmup()), Durations.format(settings.duration()));
                StepWindow window = StepWindow.startingAt(System.nanoTime() + 50_000_000L, rate, settings.warmup(), settings.duration());
                OutboxStep step = new OutboxStep(window, executor, writers, settings.tenants(), settings.notifyAfterCommit());
                current.set(step);
                lag.scrapeAtMeasureStart(window);
                OpenLoop.ScheduleStats schedule = OpenLoop.run(window, step::fire);
                StepResult result = step.finish(i + 1, settings.warmup(), settings.duration(), schedule, lag, settings.timeout());
                steps.add(result);
                out.print(Report.table(title(), List.of(result)));
                if (listener.failure().isPresent()) {
                    notice(notices, "the Kafka listener stopped: %s; receipts after it are missing", listener.failure().get());
                }
            }
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
            writers.forEach(OutboxWriter::close);
        }
        return new RunResult(NAME, settings.label(), commandLine, startedAt, settings.describe(), notices, steps);
    }

    private String title() {
        return NAME + settings.label().map(l -> " (" + l + ")").orElse("");
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private void notice(List<String> notices, String format, Object... args) {
        String line = String.format(format, args);
        notices.add(line);
        out.println(line);
    }
}
