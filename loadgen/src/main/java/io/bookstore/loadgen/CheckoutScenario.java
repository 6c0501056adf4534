package io.bookstore.loadgen;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code checkout}: POST /api/v2/checkout at fixed rates and, from Kafka, each order's
 * {@code order.paid} or {@code order.payment_failed}: the latency a customer sees, and
 * the latency until the payment settled.
 */
final class CheckoutScenario {

    static final String NAME = "checkout";

    static final Set<String> OPTIONS = Set.of("url", "keycloak-url", "rate", "rates", "duration", "warmup", "tenants", "decline-share",
            "kafka", "catalog-jdbc-url", "db-user", "db-password", "metrics-url", "out", "timeout", "seed");

    record Settings(
            String url,
            String keycloakUrl,
            List<Double> rates,
            Duration duration,
            Duration warmup,
            int tenants,
            double declineShare,
            Optional<String> kafka,
            Optional<String> catalogJdbcUrl,
            String dbUser,
            String dbPassword,
            Optional<String> metricsUrl,
            Duration timeout,
            long seed) {

        static Settings from(Options options) {
            return new Settings(
                    options.url("url", "http://127.0.0.1:8080"),
                    options.url("keycloak-url", "http://127.0.0.1:8180/realms/bookstore"),
                    options.rates(20),
                    options.duration("duration", "30s", Duration.ofSeconds(1)),
                    options.duration("warmup", "10s", Duration.ZERO),
                    options.integer("tenants", 3, 1, CheckoutPlanner.MAX_TENANTS),
                    options.fraction("decline-share", 0.1),
                    options.optional("kafka", "127.0.0.1:9092"),
                    options.optionalJdbcUrl("catalog-jdbc-url", "jdbc:postgresql://127.0.0.1:5432/bookstore_catalog"),
                    options.string("db-user", "postgres"),
                    options.string("db-password", ""),
                    options.optionalUrl("metrics-url", "http://127.0.0.1:8083/q/metrics"),
                    options.duration("timeout", "10s", Duration.ofMillis(100)),
                    CheckoutScenario.seed(options));
        }

        Map<String, String> describe() {
            Map<String, String> described = new LinkedHashMap<>();
            described.put("url", url);
            described.put("keycloak-url", keycloakUrl);
            described.put("rates", rates.stream().map(Report::rate).collect(Collectors.joining(",")));
            described.put("duration", Durations.format(duration));
            described.put("warmup", Durations.format(warmup));
            described.put("tenants", Integer.toString(tenants));
            described.put("decline-share", Double.toString(declineShare));
            described.put("kafka", kafka.orElse(Options.NONE));
            described.put("catalog-jdbc-url", catalogJdbcUrl.orElse(Options.NONE));
            described.put("metrics-url", metricsUrl.orElse(Options.NONE));
            described.put("timeout", Durations.format(timeout));
            described.put("seed", Long.toString(seed));
            return described;
        }
    }

    private final Settings settings;
    private final PrintStream out;

    CheckoutScenario(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    static long seed(Options options) {
        String seed = options.string("seed", "");
        if (seed.isEmpty()) {
            return new Random().nextLong();
        }
        try {
            return Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, not '" + seed + "'");
        }
    }

    RunResult run(List<String> commandLine) throws InterruptedException {
        Instant startedAt = Instant.now();
        List<String> notices = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
        List<Book> books = BookCatalog.fetch(client, settings.url(), settings.timeout());
        notice(notices, "%d books from %s/api/v2/books", books.size(), settings.url());
        settings.catalogJdbcUrl().ifPresentOrElse(jdbcUrl -> {
            int restocked = Restock.restock(jdbcUrl, settings.dbUser(), settings.dbPassword(), books);
            notice(notices, "restocked %d books to %,d copies each in %s, so that a long run does not turn into"
                    + " 409 insufficient-stock (the seed has 25-500 per book)", restocked, Restock.STOCK, jdbcUrl);
        }, () -> notice(notices, "stock not raised (--catalog-jdbc-url none): expect 409 insufficient-stock once the seeded stock is sold"));

        AtomicReference<CheckoutStep> current = new AtomicReference<>();
        TopicListener listener = settings.kafka()
                .map(bootstrap -> TopicListener.start(bootstrap, Topics.ORDERS, (record, receivedAt) -> {
                    CheckoutStep step = current.get();
                    if (step != null) {
                        step.tracker().ifPresent(tracker -> finalEvent(record).ifPresent(event ->
                                tracker.onEvent(event.orderId(), event.outcome(), receivedAt)));
                    }
                }))
                .orElse(null);
        if (listener != null) {
            notice(notices, "following order.paid / order.payment_failed on %s at %s", Topics.ORDERS, settings.kafka().get());
        }
        Optional<MetricsScraper> scraper = settings.metricsUrl().map(url -> new MetricsScraper(client, url));
        List<StepResult> steps = new ArrayList<>();
        try (PublishLagProbe lag = new PublishLagProbe(scraper)) {
            if (scraper.isPresent() && !lag.reachable()) {
                notice(notices, "no metrics at %s: the publish lag is not reported", settings.metricsUrl().get());
            }
            CheckoutPlanner planner = new CheckoutPlanner(books, settings.tenants(), settings.declineShare(), new Random(settings.seed()));
            ShopperTokens tokens = new ShopperTokens(client, settings.keycloakUrl(), settings.timeout());
            tokens.prefetch(planner.tenants());
            notice(notices, "signed in as %s at %s", String.join(", ", planner.tenants()), settings.keycloakUrl());
            for (int i = 0; i < settings.rates().size(); i++) {
                double rate = settings.rates().get(i);
                out.printf("%nstep %d/%d: %s checkouts/s, %s warm-up then %s measured ...%n", i + 1, settings.rates().size(),
                        Report.rate(rate), Durations.format(settings.warmup()), Durations.format(settings.duration()));
                StepWindow window = StepWindow.startingAt(System.nanoTime() + 50_000_000L, rate, settings.warmup(), settings.duration());
                CheckoutStep step = new CheckoutStep(window, client, settings.url(), settings.timeout(), planner, tokens, listener != null);
                current.set(step);
                lag.scrapeAtMeasureStart(window);
                OpenLoop.ScheduleStats schedule = OpenLoop.run(window, step::fire);
                step.awaitCompletion();
                StepResult result = step.result(i + 1, settings.warmup(), settings.duration(), schedule, lag.finish(), settings.timeout());
                steps.add(result);
                out.print(Report.table(NAME, List.of(result)));
                if (listener != null && listener.failure().isPresent()) {
                    notice(notices, "the Kafka listener stopped: %s; final statuses after it are missing", listener.failure().get());
                }
            }
        } finally {
            if (listener != null) {
                listener.close();
            }
        }
        return new RunResult(NAME, Optional.empty(), commandLine, startedAt, settings.describe(), notices, steps);
    }

    record FinalEvent(String orderId, FinalStatusTracker.Outcome outcome) {
    }

    /** order.paid and order.payment_failed, by their CloudEvents headers; anything else is not final. */
    static Optional<FinalEvent> finalEvent(ConsumerRecord<?, ?> record) {
        Optional<String> type = TopicListener.header(record, CloudEventHeaders.TYPE);
        Optional<String> subject = TopicListener.header(record, CloudEventHeaders.SUBJECT);
        if (type.isEmpty() || subject.isEmpty()) {
            return Optional.empty();
        }
        return switch (type.get()) {
            case EventTypes.ORDER_PAID -> Optional.of(new FinalEvent(subject.get(), FinalStatusTracker.Outcome.PAID));
            case EventTypes.ORDER_PAYMENT_FAILED -> Optional.of(new FinalEvent(subject.get(), FinalStatusTracker.Outcome.PAYMENT_FAILED));
            default -> Optional.empty();
        };
    }

    private void notice(List<String> notices, String format, Object... args) {
        String line = String.format(format, args);
        notices.add(line);
        out.println(line);
    }
}
