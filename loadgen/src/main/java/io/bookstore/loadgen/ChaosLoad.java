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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checkout load of a chaos run (the devstack's {@code ./bookstore chaos}): the checkout
 * scenario's open loop, planner and tokens, but one long step, and a record of every checkout
 * and its answer instead of latency histograms, because the run's checker needs to know which
 * checkouts were accepted (their orders must exist and end) and which were refused (they must
 * leave nothing behind).
 */
public final class ChaosLoad {

    /** What the storefront answered. A checkout without an answer has an unknown outcome. */
    public enum Answer {
        ACCEPTED, REFUSED_4XX, REFUSED_5XX, NO_ANSWER
    }

    public record Settings(String url, String keycloakUrl, double rate, Duration duration, int tenants, double declineShare,
                           Duration timeout, long seed) {
    }

    /**
     * One checkout: times in milliseconds from the run's start ({@code sentAt} is its due time);
     * {@code orderId} when accepted; {@code error} the loadgen's error kind when not.
     */
    public record Checkout(long index, String tenant, String idempotencyKey, List<String> isbns, boolean declining,
                           Answer answer, int status, Optional<String> orderId, Optional<String> error, long sentAtMillis,
                           long answeredAtMillis) {
    }

    /** {@code startNanos}: the run's start on {@link System#nanoTime()}, from which every checkout's times count. */
    public record Result(List<Checkout> checkouts, long sent, double maxSendLagMillis, long startNanos) {
    }

    private final Settings settings;
    private final HttpClient client;

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
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                try {
                    checkouts.add(checkout(window, send, plan, key, response, failure));
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        });
        long deadline = System.nanoTime() + settings.timeout().toNanos() + 2_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
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

    private static Checkout checkout(StepWindow window, OpenLoop.Send send, CheckoutPlanner.Plan plan, String key,
                                     HttpResponse<String> response, Throwable failure) {
        long answeredAt = (System.nanoTime() - window.start()) / 1_000_000;
        long sentAt = (send.scheduledTime() - window.start()) / 1_000_000;
        List<String> isbns = plan.books().stream().map(Book::isbn).toList();
        if (failure != null) {
            return new Checkout(send.index(), plan.tenant(), key, isbns, plan.expectDecline(), Answer.NO_ANSWER, 0,
                    Optional.empty(), Optional.of(ErrorKinds.of(failure)), sentAt, answeredAt);
        }
        int status = response.statusCode();
        Optional<String> orderId = status / 100 == 2 ? CheckoutStep.orderId(response.body()) : Optional.empty();
        Answer answer = status / 100 == 2 ? Answer.ACCEPTED : status / 100 == 4 ? Answer.REFUSED_4XX : Answer.REFUSED_5XX;
        Optional<String> error = answer == Answer.ACCEPTED ? Optional.empty() : Optional.of(ErrorKinds.of(response));
        return new Checkout(send.index(), plan.tenant(), key, isbns, plan.expectDecline(), answer, status, orderId, error,
                sentAt, answeredAt);
    }
}
