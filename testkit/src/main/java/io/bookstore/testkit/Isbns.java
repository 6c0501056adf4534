package io.bookstore.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid, hyphenated ISBN-13s that no other test of the run uses, for books a test inserts or names. */
public final class Isbns {

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000_000));

    private Isbns() {
    }

    /** A 979-8 ISBN (no seeded book uses that prefix) with a valid check digit, hyphenated as printed. */
    public static String next() {
        String eight = "%08d".formatted(NEXT.getAndIncrement() % 100_000_000);
        String group = eight.substring(0, 5);
        String item = eight.substring(5);
        String twelve = "9798" + group + item;
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return "979-8-" + group + "-" + item + "-" + (10 - sum % 10) % 10;
    }
}
