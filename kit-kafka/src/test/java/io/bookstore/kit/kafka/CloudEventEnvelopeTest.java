package io.bookstore.kit.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.events.OrderEvent;
import io.bookstore.testkit.OrderEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the ce_* headers of a record as the outbox publisher writes them, and as nobody should. */
class CloudEventEnvelopeTest {

    private static final UUID EVENT_ID = UUID.fromString("0b8e4c1e-5d2a-4f3b-9c6d-7e8f9a0b1c2d");
    private static final UUID ORDER_ID = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
    private static final ObjectReader ORDER = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .readerFor(Order.class);

    @Test
    void aRecordOfThePublisherHasAValidEnvelope() {
        CloudEventEnvelope envelope = CloudEventEnvelope.read(record(headers()));

        assertThat(envelope).isEqualTo(new CloudEventEnvelope(EVENT_ID, EventTypes.ORDER_PAID, "acme"));
    }

    @Test
    void aRepeatedHeaderMeansItsLastValue() {
        ConsumerRecord<String, String> record = record(headers());
        UUID later = UUID.randomUUID();
        add(record, CloudEventHeaders.ID, later.toString());
        add(record, CloudEventHeaders.TENANT, "globex");

        CloudEventEnvelope envelope = CloudEventEnvelope.read(record);

        assertThat(envelope.id()).isEqualTo(later);
        assertThat(envelope.tenant()).isEqualTo("globex");
        assertThat(CloudEventEnvelope.validTenant(record)).contains("globex");
    }

    @Test
    void aRepeatedHeaderWhoseLastValueIsBrokenIsBroken() {
        ConsumerRecord<String, String> record = record(headers());
        add(record, CloudEventHeaders.TENANT, "Not A Tenant");

        assertThatThrownBy(() -> CloudEventEnvelope.read(record)).isInstanceOf(PoisonEventException.class)
                .hasMessage("ce_tenant 'Not A Tenant' does not match " + Tenants.PATTERN);
        assertThat(CloudEventEnvelope.validTenant(record)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {CloudEventHeaders.TYPE, CloudEventHeaders.ID, CloudEventHeaders.TENANT})
    void aMissingHeaderIsPoisonNamingIt(String name) {
        Map<String, String> headers = headers();
        headers.remove(name);

        assertThatThrownBy(() -> CloudEventEnvelope.read(record(headers))).isInstanceOf(PoisonEventException.class)
                .hasMessage("the record has no " + name + " header");
    }

    @Test
    void aHeaderWithoutValueIsMissing() {
        Map<String, String> headers = headers();
        headers.put(CloudEventHeaders.TYPE, null);
        ConsumerRecord<String, String> record = record(headers);

        assertThatThrownBy(() -> CloudEventEnvelope.read(record)).isInstanceOf(PoisonEventException.class)
                .hasMessage("the record has no ce_type header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "evt-42", "", "0b8e4c1e5d2a4f3b9c6d7e8f9a0b1c2d", "{0b8e4c1e-5d2a-4f3b-9c6d-7e8f9a0b1c2d}",
            "0b8e4c1e-5d2a-4f3b-9c6d-7e8f9a0b1c2d "})
    void anIdThatIsNotTheTextOfAUuidIsPoison(String id) {
        Map<String, String> headers = headers();
        headers.put(CloudEventHeaders.ID, id);

        assertThatThrownBy(() -> CloudEventEnvelope.read(record(headers))).isInstanceOf(PoisonEventException.class)
                .hasMessage("ce_id '" + id + "' is not a UUID")
                .satisfies(e -> assertThat(((PoisonEventException) e).eventType()).isEqualTo(EventTypes.ORDER_PAID));
    }

    @Test
    void anIdInUpperCaseIsAUuid() {
        Map<String, String> headers = headers();
        headers.put(CloudEventHeaders.ID, EVENT_ID.toString().toUpperCase());

        assertThat(CloudEventEnvelope.read(record(headers)).id()).isEqualTo(EVENT_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme", "a", "acme_corp", "-acme", "acme corp"})
    void aMalformedTenantIsPoison(String tenant) {
        Map<String, String> headers = headers();
        headers.put(CloudEventHeaders.TENANT, tenant);

        assertThatThrownBy(() -> CloudEventEnvelope.read(record(headers))).isInstanceOf(PoisonEventException.class)
                .hasMessageStartingWith("ce_tenant '" + tenant + "' does not match");
    }

    @Test
    void aPayloadIsReadAndCheckedAgainstTheEnvelope() {
        CloudEventEnvelope envelope = CloudEventEnvelope.read(record(headers()));

        Order order = envelope.payload("{\"order_id\":\"" + ORDER_ID + "\",\"tenant\":\"acme\"}", ORDER);

        assertThat(order).isEqualTo(new Order(ORDER_ID, "acme"));
    }

    @Test
    void aBrokenPayloadIsPoisonSayingWhatIsWrong() {
        CloudEventEnvelope envelope = new CloudEventEnvelope(EVENT_ID, EventTypes.ORDER_PAID, "acme");

        assertThatThrownBy(() -> envelope.payload(null, ORDER)).hasMessage("the record has no payload");
        assertThatThrownBy(() -> envelope.payload(" ", ORDER)).hasMessage("the record has no payload");
        assertThatThrownBy(() -> envelope.payload("null", ORDER)).hasMessage("the order.paid payload is null");
        assertThatThrownBy(() -> envelope.payload("{\"order_id\": ", ORDER)).isInstanceOf(PoisonEventException.class)
                .hasMessageStartingWith("the payload is not a valid order.paid event: ");
        assertThatThrownBy(() -> envelope.payload("{\"tenant\":\"acme\"}", ORDER)).hasMessage("the order.paid payload has no order_id");
        assertThatThrownBy(() -> envelope.payload("{\"order_id\":\"" + ORDER_ID + "\",\"tenant\":\"globex\"}", ORDER))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("the payload's tenant 'globex' differs from ce_tenant 'acme'");
    }

    private static Map<String, String> headers() {
        return OrderEventRecords.headers(EventTypes.ORDER_PAID, EVENT_ID, ORDER_ID, "acme");
    }

    private static ConsumerRecord<String, String> record(Map<String, String> headers) {
        return OrderEventRecords.consumerRecord(ORDER_ID.toString(), "{}", headers);
    }

    private static void add(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The part of an order payload every consumer checks. */
    private record Order(UUID orderId, String tenant) implements OrderEvent {
    }
}
