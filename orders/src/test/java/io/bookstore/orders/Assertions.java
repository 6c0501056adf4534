package io.bookstore.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/** JSON helpers for assertions on what the service wrote and answered. */
final class Assertions {

    private Assertions() {
    }

    /** Reads a payload as a contracts record, failing on unknown fields and on missing ones. */
    static <T> T readStrictly(JsonNode json, Class<T> type) {
        ObjectReader reader = OrdersDb.JSON.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        try {
            return reader.readValue(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("payload does not match " + type.getSimpleName() + ": " + json, e);
        }
    }

    static String json(Object value) {
        try {
            return OrdersDb.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return OrdersDb.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
