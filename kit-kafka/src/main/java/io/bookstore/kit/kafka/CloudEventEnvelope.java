package io.bookstore.kit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.Uuids;
import io.bookstore.contracts.events.OrderEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The CloudEvents attributes (binary mode: {@code ce_*} record headers) a consumer relies
 * on, validated: the event id it deduplicates on, the type it dispatches on and the tenant
 * that owns the event. Whatever makes a record unreadable is a {@link PoisonEventException}:
 * retrying the same bytes cannot succeed.
 */
public record CloudEventEnvelope(UUID id, String type, String tenant) {

    /** Reads and validates the envelope of a record, or fails with the first thing wrong with it. */
    public static CloudEventEnvelope read(ConsumerRecord<?, ?> record) {
        String type = header(record, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonEventException(null, "the record has no " + CloudEventHeaders.TYPE + " header"));
        String id = header(record, CloudEventHeaders.ID)
                .orElseThrow(() -> new PoisonEventException(type, "the record has no " + CloudEventHeaders.ID + " header"));
        if (!Uuids.isValid(id)) {
            throw new PoisonEventException(type, "%s '%s' is not a UUID".formatted(CloudEventHeaders.ID, id));
        }
        String tenant = header(record, CloudEventHeaders.TENANT)
                .orElseThrow(() -> new PoisonEventException(type, "the record has no " + CloudEventHeaders.TENANT + " header"));
        if (!Tenants.isValid(tenant)) {
            throw new PoisonEventException(type, "%s '%s' does not match %s".formatted(CloudEventHeaders.TENANT, tenant, Tenants.PATTERN));
        }
        return new CloudEventEnvelope(UUID.fromString(id), type, tenant);
    }

    /** The last value of a header: a producer that repeats a header means its latest value. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The record's {@code ce_tenant} when it is a valid tenant, whatever else is wrong with the record. */
    public static Optional<String> validTenant(ConsumerRecord<?, ?> record) {
        return header(record, CloudEventHeaders.TENANT).filter(Tenants::isValid);
    }

    /**
     * The JSON payload read with {@code reader}, checked against the envelope: it names an
     * order, of {@code ce_tenant}, so that an event never changes another tenant's data.
     * Anything else is poison.
     */
    <P extends OrderEvent> P payload(String json, ObjectReader reader) {
        if (json == null || json.isBlank()) {
            throw poison("the record has no payload");
        }
        P payload;
        try {
            payload = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(type, "the payload is not a valid " + type + " event: " + e.getOriginalMessage(), e);
        }
        if (payload == null) {
            throw poison("the " + type + " payload is null");
        }
        if (payload.orderId() == null) {
            throw poison("the " + type + " payload has no order_id");
        }
        if (!tenant.equals(payload.tenant())) {
            throw poison("the payload's tenant '%s' differs from %s '%s'".formatted(payload.tenant(), CloudEventHeaders.TENANT, tenant));
        }
        return payload;
    }

    /** A poison failure of this event, for what a service finds wrong with its payload. */
    public PoisonEventException poison(String reason) {
        return new PoisonEventException(type, reason);
    }
}
