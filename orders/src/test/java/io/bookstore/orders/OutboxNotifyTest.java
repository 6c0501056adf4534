package io.bookstore.orders;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** outbox-publisher wakes on NOTIFY bookstore_outbox; it must come after every committed change, and only then. */
@QuarkusTest
class OutboxNotifyTest {

    private static final String CHANNEL = "bookstore_outbox";

    private Connection connection;
    private PGConnection listener;

    @BeforeEach
    void listen() throws SQLException {
        connection = OrdersDb.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        listener = connection.unwrap(PGConnection.class);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aCreatedOrderIsAnnounced() throws SQLException {
        Api.createdOrder(Api.newTenant());

        assertThat(notificationsWithin(10_000)).extracting(PGNotification::getName).contains(CHANNEL);
    }

    @Test
    void aStatusChangeIsAnnounced() throws SQLException {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        assertThat(notificationsWithin(10_000)).isNotEmpty();

        Api.patch(id, Api.outcome("paid", Api.newPaymentId())).statusCode(200);

        assertThat(notificationsWithin(10_000)).extracting(PGNotification::getName).containsExactly(CHANNEL);
    }

    @Test
    void requestsThatWriteNoEventAnnounceNothing() throws SQLException {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        Api.create(tenant, key, Api.validOrder()).statusCode(201);
        String paymentId = Api.newPaymentId();
        String id = Api.create(tenant, key, Api.validOrder()).statusCode(201).extract().path("order_id");
        Api.patch(id, Api.outcome("paid", paymentId)).statusCode(200);
        assertThat(notificationsWithin(10_000)).isNotEmpty();
        // Both announcements are sent after their commits, so wait until the second has arrived too.
        drain();

        Api.create(tenant, key, Api.validOrder()).statusCode(201);
        Api.patch(id, Api.outcome("paid", paymentId)).statusCode(200);
        Api.patch(id, Api.outcome("payment_failed", paymentId)).statusCode(409);
        Api.create(tenant, Map.of("currency", "USD")).statusCode(400);

        assertThat(notificationsWithin(1_500)).isEmpty();
    }

    private void drain() throws SQLException {
        while (!notificationsWithin(1_500).isEmpty()) {
            // keep reading until the channel has been quiet for a while
        }
    }

    private List<PGNotification> notificationsWithin(int millis) throws SQLException {
        PGNotification[] notifications = listener.getNotifications(millis);
        return notifications == null ? List.of() : new ArrayList<>(List.of(notifications));
    }
}
