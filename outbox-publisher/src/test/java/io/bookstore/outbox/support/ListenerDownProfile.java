package io.bookstore.outbox.support;

import io.bookstore.testkit.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** LISTEN pointed at a port where nothing answers: the relay never hears a hint. */
public class ListenerDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "bookstore.outbox.notify.url", "postgresql://127.0.0.1:" + FreePorts.next() + "/bookstore_orders",
                "bookstore.outbox.poll-interval", "300ms");
    }
}
