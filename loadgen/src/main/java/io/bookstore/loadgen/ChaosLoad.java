package io.bookstore.loadgen;

import io.bookstore.contracts.HttpHeaders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checkout load of a chaos run (the devstack's {@code ./bookstore chaos}): the checkout
 * scenario's open loop, planner and tokens, but one long step, and a record of every checkout
 * and its answer instead of latency histograms, because the run's checker needs to know which
 * checkouts were accepted (their orders must exist and end) and which were refused (they must
 * leave nothing behind).
 *
 * <p>It behaves as a careful client: a checkout answered 5xx or not at all has an unknown
 * outcome (the order may exist), so it is sent again, same body and same
 * {@code Idempotency-Key}, after the answer's {@code Retry-After} (or a growing pause) until it
 * gets a 2xx or 4xx, has been sent {@link #MAX_SENDS} times, or {@code retryFor} has passed
 * since its first send. A checkout counts by its last answer; {@code attempts} says how many
 * sends it took.
 */
public final class ChaosLoad {

    /** What the storefront answered. A checkout without an answer has an unknown outcome. */
    public enum Answer {
        ACCEPTED, REFUSED_4XX, REFUSED_5XX, NO_ANSWER
    }

    public record Settings(String url, String keycloakUrl, double rate, Duration duration, int tenants, double declineShare,
                           Duration timeout, Duration retryFor, long seed) {
    }

    /**
     * One checkout: times in milliseconds from the run's start ({@code sentAt} is its due time);
     * {@code orderId} when accepted; {@code error} the loadgen's error kind when not; the answer is
     * the last of {@code attempts} sends, {@code firstAnswer} the first's.
     */
    public record Checkout(long index, String tenant, String idempotencyKey, List<String> isbns, boolean declining,
                           Answer answer, int status, Optional<String> orderId, Optional<String> error, long sentAtMillis,
                           long answeredAtMillis, int attempts, Answer firstAnswer) {
    }

    /** {@code startNanos}: the run's start on {@link System#nanoTime()}, from which every checkout's times count. */
    public record Result(List<Checkout> checkouts, long sent, double maxSendLagMillis, long startNanos) {
    }

    /**
     * The pause before a retry: doubled per attempt up to the cap, never shorter than the answer's
     * {@code Retry-After}, with a quarter of jitter so that the checkouts a fault refused together
     * do not come back together. At most {@link #MAX_SENDS} sends: a careful client's retries
     * must not multiply the load of a system that is already struggling. The window
     * ({@code retryFor}, 60 s by default) ends them first: with pauses of 1, 2, 4 and then 8 s it
     * holds about ten sends. A client told "the order may have been made" keeps asking for as
     * long as it said it would; with a cap of 8 sends it stopped after about 40 s, and a chaos
     * run saw one whose last answer, from a storefront restarted since, was {@code overloaded}.
     */
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(8);
    static final int MAX_SENDS = 12;

    private final Settings settings;
    private final HttpClient client;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-load-retries");
        thread.setDaemon(true);
        return thread;
    });

    public ChaosLoad(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    /**
     * Signs the load users in, fires the checkouts for the duration and waits for every answer
     * (each times out on its own). {@code started} runs when the first checkout is due, on this
     * thread: where a fault schedule starts, so that it counts from the load and not from the sign-in.
     */
    public Result run(Runnable started) throws InterruptedException {
        List<Book> books = BookCatalog.fetch(client, settings.url(), settings.timeout());
        CheckoutPlanner planner = new CheckoutPlanner(books, settings.tenants(), settings.declineShare(), new Random(settings.seed()));
        ShopperTokens tokens = new ShopperTokens(client, settings.keycloakUrl(), settings.timeout());
        signIn(tokens, planner.tenants());
        URI checkoutUri = URI.create(settings.url() + "/api/v2/checkout");
        ConcurrentLinkedQueue<Checkout> checkouts = new ConcurrentLinkedQueue<>();
        AtomicLong inFlight = new AtomicLong();
        StepWindow window = StepWindow.startingAt(System.nanoTime() + 50_000_000L, settings.rate(), Duration.ZERO, settings.duration());
        started.run();
        OpenLoop.ScheduleStats schedule = OpenLoop.run(window, send -> {
            CheckoutPlanner.Plan plan = planner.next(send.index());
            String key = UUID.randomUUID().toString();
            HttpRequest request = HttpRequest.newBuilder(checkoutUri)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", tokens.authorization(plan.tenant()))
                    .header(HttpHeaders.IDEMPOTENCY_KEY, key)
                    .POST(HttpRequest.BodyPublishers.ofString(plan.body()))
                    .build();
            inFlight.incrementAndGet();
            send(new Attempt(window, send, plan, key, request, 1, null), finished -> {
                checkouts.add(finished);
                inFlight.decrementAndGet();
            });
        });
        long deadline = System.nanoTime() + settings.retryFor().toNanos() + settings.timeout().toNanos() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        retries.shutdownNow();
        List<Checkout> all = new ArrayList<>(checkouts);
        all.sort(Comparator.comparingLong(Checkout::index));
        return new Result(all, schedule.sent(), schedule.maxLagMillis(), window.start());
    }

    /** A Keycloak just started on a busy machine may time out the first sign-ins: a minute of tries before giving up. */
    private static void signIn(ShopperTokens tokens, List<String> tenants) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                tokens.prefetch(tenants);
                return;
            } catch (RuntimeException failed) {
                if (System.nanoTime() > deadline) {
                    throw failed;
                }
                Thread.sleep(2_000);
            }
        }
    }

    /** One send of a checkout: {@code first} is the first send's answer once known. */
    private record Attempt(StepWindow window, OpenLoop.Send send, CheckoutPlanner.Plan plan, String key, HttpRequest request,
                           int number, Answer first) {
    }

    private void send(Attempt attempt, Consumer<Checkout> finished) {
        client.sendAsync(attempt.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            Checkout checkout = checkout(attempt, response, failure);
            Optional<Duration> pause = retryPause(attempt, response, checkout.answer());
            if (pause.isEmpty()) {
                finished.accept(checkout);
                return;
            }
            Attempt next = new Attempt(attempt.window(), attempt.send(), attempt.plan(), attempt.key(), attempt.request(),
                    attempt.number() + 1, checkout.firstAnswer());
            try {
                retries.schedule(() -> send(next, finished), pause.get().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException runOver) {
                finished.accept(checkout);
            }
        });
    }

    /** How long to wait before sending again, or empty when the answer is final or the client's patience is spent. */
    private Optional<Duration> retryPause(Attempt attempt, HttpResponse<String> response, Answer answer) {
        if (answer != Answer.REFUSED_5XX && answer != Answer.NO_ANSWER || attempt.number() >= MAX_SENDS) {
            return Optional.empty();
        }
        Duration backoff = FIRST_PAUSE.multipliedBy(1L << Math.min(attempt.number() - 1, 3));
        Duration retryAfter = response == null ? Duration.ZERO
                : response.headers().firstValue("Retry-After").flatMap(ChaosLoad::seconds).orElse(Duration.ZERO);
        Duration pause = backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter;
        if (pause.compareTo(MAX_PAUSE) > 0) {
            pause = MAX_PAUSE;
        }
        pause = Duration.ofMillis(Math.round(pause.toMillis() * (0.75 + 0.25 * ThreadLocalRandom.current().nextDouble())));
        long sinceFirstSend = System.nanoTime() - attempt.send().scheduledTime();
        return sinceFirstSend + pause.toNanos() > settings.retryFor().toNanos() ? Optional.empty() : Optional.of(pause);
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }

    private static Checkout checkout(Attempt attempt, HttpResponse<String> response, Throwable failure) {
        StepWindow window = attempt.window();
        OpenLoop.Send send = attempt.send();
        CheckoutPlanner.Plan plan = attempt.plan();
        long answeredAt = (System.nanoTime() - window.start()) / 1_000_000;
        long sentAt = (send.scheduledTime() - window.start()) / 1_000_000;
        List<String> isbns = plan.books().stream().map(Book::isbn).toList();
        if (failure != null) {
            return new Checkout(send.index(), plan.tenant(), attempt.key(), isbns, plan.expectDecline(), Answer.NO_ANSWER, 0,
                    Optional.empty(), Optional.of(ErrorKinds.of(failure)), sentAt, answeredAt, attempt.number(),
                    attempt.first() == null ? Answer.NO_ANSWER : attempt.first());
        }
        int status = response.statusCode();
        Optional<String> orderId = status / 100 == 2 ? CheckoutStep.orderId(response.body()) : Optional.empty();
        Answer answer = status / 100 == 2 ? Answer.ACCEPTED : status / 100 == 4 ? Answer.REFUSED_4XX : Answer.REFUSED_5XX;
        Optional<String> error = answer == Answer.ACCEPTED ? Optional.empty() : Optional.of(ErrorKinds.of(response));
        return new Checkout(send.index(), plan.tenant(), attempt.key(), isbns, plan.expectDecline(), answer, status, orderId, error,
                sentAt, answeredAt, attempt.number(), attempt.first() == null ? answer : attempt.first());
    }
}
