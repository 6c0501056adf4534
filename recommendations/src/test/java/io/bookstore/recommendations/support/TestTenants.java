package io.bookstore.recommendations.support;

import java.util.UUID;

/** Tests share one database and one topic: each works in a tenant of its own. */
public final class TestTenants {

    private TestTenants() {
    }

    public static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
