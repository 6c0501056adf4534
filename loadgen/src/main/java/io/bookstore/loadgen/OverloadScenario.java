package io.bookstore.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code overload}: checkouts at the rate the machine serves (the baseline), then at
 * {@code --factor} times it, then at the baseline again, one open loop with no pause between the
 * phases. Reports goodput against the baseline rate (the capacity), the shed rate and the
 * latency of the refusals, the p99 per phase, and how long after the drop the p99 is back
 * ({@link OverloadReport}). Final statuses are not followed: the answer is what is judged.
 */
final class OverloadScenario {

    static final String NAME = "overload";

    static final Set<String> OPTIONS = Set.of("url", "keycloak-url", "rate", "factor", "phase", "warmup", "recovery-factor",
            "tenants", "decline-share", "catalog-jdbc-url", "db-user", "db-password", "out", "timeout", "seed");

    record Settings(
            String url,
            String keycloakUrl,
            double rate,
            double factor,
            Duration phase,
            Duration warmup,
            double recoveryFactor,
            int tenants,
            double declineShare,
            Optional<String> catalogJdbcUrl,
            String dbUser,
            String dbPassword,
            Duration timeout,
            long seed) {

        static Settings from(Options options) {
            return new Settings(
                    options.url("url", "http://127.0.0.1:8080"),
                    options.url("keycloak-url", "http://127.0.0.1:8180/realms/bookstore"),
                    // Only --rate is an option here, and it takes one rate.
                    options.rates(40).get(0),
                    options.factor("factor", 3),
                    options.duration("phase", "20s", Duration.ofSeconds(2)),
                    options.duration("warmup", "10s", Duration.ZERO),
                    options.factor("recovery-factor", 1.5),
                    options.integer("tenants", 3, 1, CheckoutPlanner.MAX_TENANTS),
                    options.fraction("decline-share", 0.1),
                    options.optionalJdbcUrl("catalog-jdbc-url", "jdbc:postgresql://127.0.0.1:5432/bookstore_catalog"),
                    options.string("db-user", "postgres"),
                    options.string("db-password", ""),
                    options.duration("timeout", "10s", Duration.ofMillis(100)),
                    CheckoutScenario.seed(options));
        }

        Map<String, String> describe() {
            Map<String, String> described = new LinkedHashMap<>();
            described.put("url", url);
            described.put("rate", Report.rate(rate));
            described.put("factor", Report.rate(factor));
            described.put("phase", Durations.format(phase));
            described.put("warmup", Durations.format(warmup));
            described.put("recovery-factor", Double.toString(recoveryFactor));
            described.put("tenants", Integer.toString(tenants));
            described.put("decline-share", Double.toString(declineShare));
            described.put("timeout", Durations.format(timeout));
            described.put("seed", Long.toString(seed));
            return described;
        }
    }

    private final Settings settings;
    private final PrintStream out;

    OverloadScenario(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    OverloadReport.Result run() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
        List<Book> books = BookCatalog.fetch(client, settings.url(), settings.timeout());
        settings.catalogJdbcUrl().ifPresent(jdbcUrl -> {
            int restocked = Restock.restock(jdbcUrl, settings.dbUser(), settings.dbPassword(), books);
            out.printf("restocked %d books to %,d copies each%n", restocked, Restock.STOCK);
        });
        CheckoutPlanner planner = new CheckoutPlanner(books, settings.tenants(), settings.declineShare(), new Random(settings.seed()));
        ShopperTokens tokens = new ShopperTokens(client, settings.keycloakUrl(), settings.timeout());
        tokens.prefetch(planner.tenants());
        URI checkoutUri = URI.create(settings.url() + "/api/v2/checkout");

        ConcurrentLinkedQueue<OverloadReport.Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicLong inFlight = new AtomicLong();
        OpenLoop.Action fire = send -> {
            CheckoutPlanner.Plan plan = planner.next(send.index());
            inFlight.incrementAndGet();
            client.sendAsync(CheckoutStep.request(checkoutUri, settings.timeout(), plan, tokens), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long now = System.nanoTime();
                        if (send.measured()) {
                            samples.add(sample(send.scheduledTime(), now, response, failure));
                        }
                        inFlight.decrementAndGet();
                    });
        };

        double overloadRate = settings.rate() * settings.factor();
        List<OverloadReport.Phase> phases = new ArrayList<>();
        long start = System.nanoTime() + 50_000_000L;
        if (!settings.warmup().isZero()) {
            out.printf("warm-up: %s checkouts/s for %s (not reported) ...%n", Report.rate(settings.rate()), Durations.format(settings.warmup()));
            StepWindow warmup = StepWindow.startingAt(start, settings.rate(), settings.warmup(), Duration.ZERO);
            OpenLoop.run(warmup, fire);
            start = warmup.end();
        }
        long index = 0;
        for (String name : List.of("baseline", "overload", "after")) {
            double rate = name.equals("overload") ? overloadRate : settings.rate();
            out.printf("%s: %s checkouts/s for %s ...%n", name, Report.rate(rate), Durations.format(settings.phase()));
            StepWindow window = StepWindow.startingAt(start, rate, Duration.ZERO, settings.phase());
            long offset = index;
            OpenLoop.ScheduleStats stats = OpenLoop.run(window, send -> fire.fire(new OpenLoop.Send(offset + send.index(), send.scheduledTime(), true)));
            index += stats.sent();
            // The load generator shares the machine: how late its own sends went is part of every latency above.
            out.printf(Locale.ROOT, "  %s: %d sent, at most %s ms behind schedule (p99 %s ms)%n", name, stats.sent(),
                    Report.ms(stats.maxLagMillis()), Report.ms(stats.p99LagMillis()));
            phases.add(new OverloadReport.Phase(name, rate, window.start(), window.end()));
            start = window.end();
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos() + 2_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<OverloadReport.Sample> answered = new ArrayList<>(samples);
        return OverloadReport.of(phases, answered, settings.recoveryFactor());
    }

    static OverloadReport.Sample sample(long scheduled, long answered, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            return new OverloadReport.Sample(scheduled, answered, OverloadReport.Outcome.FAILED, ErrorKinds.of(failure));
        }
        int status = response.statusCode();
        if ((status == 200 || status == 202) && CheckoutStep.orderId(response.body()).isPresent()) {
            return new OverloadReport.Sample(scheduled, answered, OverloadReport.Outcome.ACCEPTED, "");
        }
        String kind = ErrorKinds.of(response);
        OverloadReport.Outcome outcome = kind.equals("HTTP 503 " + OverloadReport.SHED_TYPE)
                ? OverloadReport.Outcome.SHED
                : OverloadReport.Outcome.FAILED;
        return new OverloadReport.Sample(scheduled, answered, outcome, kind);
    }
}
