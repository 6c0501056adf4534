package io.bookstore.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document and the Java contracts describe the same wire, name for name. */
class AsyncApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static JsonNode document;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/bookstore-orders.asyncapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3DocumentOfTheOrderTopics() {
        assertThat(document.path("asyncapi").asText()).startsWith("3.");
        assertThat(document.at("/channels/orders/address").asText()).isEqualTo(Topics.ORDERS);
        assertThat(document.at("/channels/ordersDeadLetter/address").asText()).isEqualTo(Topics.ORDERS_DLQ);
    }

    @Test
    void messageNamesAreTheEventTypes() {
        List<String> names = new ArrayList<>();
        document.at("/channels/orders/messages").forEach(ref -> names.add(resolve(ref).path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        assertThat(texts(document.at("/components/schemas/eventHeaders/properties/ce_type/enum")))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @Test
    void headersAreTheCloudEventsAndTraceHeaders() {
        JsonNode headers = document.at("/components/schemas/eventHeaders");
        Set<String> expected = new TreeSet<>(CloudEventHeaders.REQUIRED);
        expected.addAll(TraceHeaders.ALL);
        assertThat(fieldNames(headers.path("properties"))).isEqualTo(expected);

        Set<String> required = new TreeSet<>(CloudEventHeaders.REQUIRED);
        required.add(TraceHeaders.TRACEPARENT);
        assertThat(texts(headers.path("required"))).isEqualTo(required);
        assertThat(headers.at("/properties/ce_source/const").asText()).isEqualTo(CloudEventHeaders.SOURCE_ORDERS);
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo(CloudEventHeaders.SPEC_VERSION_VALUE);
        assertThat(headers.at("/properties/ce_tenant/pattern").asText()).isEqualTo(Tenants.PATTERN);
    }

    @Test
    void payloadSchemasHaveExactlyTheFieldsTheRecordsSerialise() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        List<OrderLine> lines = List.of(new OrderLine("978-0-13-468599-1", 1, 4999));
        assertSchemaMatches("OrderCreated", new OrderCreated(id, "acme", 1, "USD", 4999, "pm_card_visa", lines, now));
        assertSchemaMatches("OrderPaid", new OrderPaid(id, "acme", 2, "pi_1", "USD", 4999, lines, now));
        assertSchemaMatches("OrderPaymentFailed", new OrderPaymentFailed(id, "acme", 2, "pi_1", now));
        assertSchemaMatches("OrderLine", lines.get(0));
    }

    private static void assertSchemaMatches(String schema, Object sample) {
        JsonNode serialised = JSON.valueToTree(sample);
        JsonNode declared = document.at("/components/schemas/" + schema);
        assertThat(fieldNames(declared.path("properties"))).as(schema + " properties").isEqualTo(fieldNames(serialised));
        assertThat(texts(declared.path("required"))).as(schema + " required").isEqualTo(fieldNames(serialised));
    }

    private static JsonNode resolve(JsonNode ref) {
        return document.at(ref.path("$ref").asText().substring(1));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
