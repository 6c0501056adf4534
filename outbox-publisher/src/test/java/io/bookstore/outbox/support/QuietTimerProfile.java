package io.bookstore.outbox.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A poll timer that never fires during a test: whatever gets published was woken by NOTIFY. */
public class QuietTimerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // The lease outlasts the checks a test makes while another replica holds a row.
        return Map.of(
                "bookstore.outbox.poll-interval", "1h",
                "bookstore.outbox.lease", "10s");
    }
}
