package io.bookstore.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.OrderEventRecords;
import io.bookstore.testkit.TopicWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.bookstore.catalog.ReservationResourceTest.item;
import static io.bookstore.catalog.ReservationResourceTest.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every reservation ends: one whose order never comes is released by the reaper after its
 * window and grace (seconds here, minutes in production), one whose order.created arrived is
 * left to the order's payment, and an order.created that comes after the reaper takes the stock
 * again, or reports the shortfall. order.created travels over the real broker.
 */
@QuarkusTest
@TestProfile(ReservationExpiryTest.ShortWindow.class)
class ReservationExpiryTest {

    static final Duration WINDOW = Duration.ofSeconds(3);
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bookstore.reservations.window", WINDOW.toMillis() + "ms",
                    "bookstore.reservations.expiry-grace", GRACE.toMillis() + "ms",
                    "bookstore.reservations.reap-interval", "200ms");
        }
    }

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    /** One tenant per test, so that the per-tenant counters of one test are its own. */
    private String tenant;
    private TopicWriter topic;

    @BeforeEach
    void setUp() {
        tenant = "expiry-" + UUID.randomUUID().toString().substring(0, 8);
        topic = TopicWriter.to(KafkaResource.bootstrapServers());
    }

    @AfterEach
    void closeWriter() {
        topic.close();
    }

    @Test
    void aReservationWithoutAnOrderIsReleasedAfterItsWindowAndGrace() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = UUID.randomUUID();
        Instant expiresAt = OffsetDateTime.parse(reserve(tenant, orderId, item(isbn, 3)).statusCode(201)
                .extract().<String>path("expires_at")).toInstant();
        assertThat(Duration.between(TestDatabase.reservationCreatedAt(orderId), expiresAt)).isEqualTo(WINDOW);
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);
        assertThat(TestDatabase.releaseReason(orderId)).contains("expired");
        assertThat(TestDatabase.releasedAt(orderId)).isAfter(expiresAt.plus(GRACE));
        assertThat(reservations("expired")).isEqualTo(1.0);
    }

    @Test
    void aReservationWhoseOrderWasCreatedIsLeftToThePayment() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 3);

        created(orderId, isbn, 3);
        await().atMost(PATIENCE).until(() -> TestDatabase.ordered(orderId));
        // A few rounds of the reaper after the reservation's window and grace.
        await().atMost(PATIENCE).until(() -> TestDatabase.pastExpiry(orderId, GRACE.plusSeconds(1)));

        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
        assertThat(reservations("expired")).isZero();
    }

    @Test
    void anOrderCreatedAfterTheReaperTakesTheStockAgain() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 3);
        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);

        // The order was made just before the deadline, and its order.created was held up for longer than the grace.
        created(orderId, isbn, 3);

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("reserved")));
        assertThat(TestDatabase.ordered(orderId)).isTrue();
        assertThat(TestDatabase.releaseReason(orderId)).isEmpty();
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
        assertThat(reservations("reinstated")).isEqualTo(1.0);
        // Now the order's: the reaper leaves it alone.
        await().atMost(PATIENCE).until(() -> TestDatabase.pastExpiry(orderId, GRACE.plusSeconds(1)));
        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
    }

    @Test
    void anOrderCreatedAfterTheReaperWhoseStockIsGoneIsAShortfallAndTakesNothing() {
        String plenty = TestDatabase.newBook(5);
        String scarce = TestDatabase.newBook(5);
        UUID late = UUID.randomUUID();
        reserve(tenant, late, item(plenty, 2), item(scarce, 5)).statusCode(201);
        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(late), equalTo(Optional.of("released")));
        // Meanwhile another order takes most of the scarce book, and is created in time.
        UUID other = reserved(scarce, 4);
        created(other, scarce, 4);
        await().atMost(PATIENCE).until(() -> TestDatabase.ordered(other));

        created(late, plenty, 2);

        await().atMost(PATIENCE).until(() -> TestDatabase.ordered(late));
        assertThat(reservations("shortfall")).isEqualTo(1.0);
        assertThat(TestDatabase.reservationStatus(late)).contains("released");
        // All or nothing: the copies of the book that was there are not held for an order that cannot have all.
        assertThat(TestDatabase.stock(plenty)).isEqualTo(5);
        assertThat(TestDatabase.stock(scarce)).isEqualTo(1);
        assertThat(reservations("reinstated")).isZero();
    }

    @Test
    void anOrderPaidWhoseCreationNeverCameAfterTheReaperTakesTheStockAgainAndSellsIt() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 3);
        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);

        // Its order.created was lost (a topic that lost its data): order.paid is the first event of the order here.
        paid(orderId, isbn, 3);

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("sold")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
        assertThat(TestDatabase.releaseReason(orderId)).isEmpty();
        assertThat(reservations("reinstated")).isEqualTo(1.0);
    }

    private UUID reserved(String isbn, int qty) {
        return ReservationResourceTest.reserved(tenant, isbn, qty);
    }

    /** order.created of the test's tenant, as the outbox publisher writes it. */
    private void created(UUID orderId, String isbn, int qty) {
        publish(EventTypes.ORDER_CREATED, orderId, new OrderCreated(orderId, tenant, 1, "USD", 2500L * qty, "pm_card_visa",
                List.of(new OrderLine(isbn, qty, 2500)), Instant.now()));
    }

    private void paid(UUID orderId, String isbn, int qty) {
        publish(EventTypes.ORDER_PAID, orderId, new OrderPaid(orderId, tenant, 2, "pi_" + orderId.toString().substring(0, 8), "USD",
                2500L * qty, List.of(new OrderLine(isbn, qty, 2500)), Instant.now()));
    }

    private void publish(String type, UUID orderId, Object payload) {
        try {
            topic.send(Topics.ORDERS, orderId.toString(), json.writeValueAsString(payload),
                    OrderEventRecords.headers(type, UUID.randomUUID(), orderId, tenant));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double reservations(String outcome) {
        Counter counter = registry.find(BusinessMetrics.CATALOG_RESERVATIONS)
                .tags(BusinessMetrics.TAG_TENANT, tenant, BusinessMetrics.TAG_OUTCOME, outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
