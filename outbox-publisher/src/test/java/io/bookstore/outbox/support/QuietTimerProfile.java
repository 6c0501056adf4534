package io.bookstore.outbox.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A poll timer that never fires during a test: whatever gets published was woken by NOTIFY (or a back-off's end). */
public class QuietTimerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // The lease outlasts the checks a test makes while another replica holds a row. The
        // back-off is production's (not %test's 1 s at most), so a test can tell a hint that
        // ends it from the back-off's own timer.
        return Map.of(
                "bookstore.outbox.poll-interval", "1h",
                "bookstore.outbox.lease", "10s",
                "bookstore.outbox.backoff.min", "500ms",
                "bookstore.outbox.backoff.max", "30s");
    }
}
