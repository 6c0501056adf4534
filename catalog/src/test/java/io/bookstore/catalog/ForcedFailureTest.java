package io.bookstore.catalog;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.bookstore.catalog.ReservationResourceTest.item;
import static io.bookstore.catalog.ReservationResourceTest.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The demonstration switch on: the seed's {@code __forced_500__} item fails its reservation. */
@QuarkusTest
@TestProfile(ForcedFailureTest.SwitchOn.class)
class ForcedFailureTest {

    static final String FORCED_ISBN = "979-8-00000-500-2";

    public static class SwitchOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bookstore.catalog.forced-failures.enabled", "true");
        }
    }

    @Test
    void aReservationWithTheForcedItemFailsAndTakesNothing() {
        String book = TestDatabase.newBook(5);
        int forcedStock = TestDatabase.stock(FORCED_ISBN);
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(book, 2), item(FORCED_ISBN, 1))
                .statusCode(500)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("status", equalTo(500));

        assertThat(TestDatabase.stock(book)).isEqualTo(5);
        assertThat(TestDatabase.stock(FORCED_ISBN)).isEqualTo(forcedStock);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
    }

    @Test
    void otherReservationsAreUnaffected() {
        reserve(UUID.randomUUID(), item(TestDatabase.newBook(5), 1)).statusCode(201);
    }
}
