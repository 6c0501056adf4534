package io.bookstore.kit.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=5}): how many seconds the
 * client will wait for an order to reach its final status (the storefront's checkout, orders'
 * {@code GET /orders/{id}}). Capped at {@link #MAX_SECONDS}; a malformed value is ignored, as
 * the RFC asks of preferences a server cannot honour.
 */
public record WaitPreference(int seconds) {

    public static final String PREFER = "Prefer";
    public static final String PREFERENCE_APPLIED = "Preference-Applied";
    public static final int MAX_SECONDS = 10;

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

    /** The first {@code wait} preference among the {@code Prefer} header values, capped. */
    public static Optional<WaitPreference> parse(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return Optional.empty();
        }
        return preferHeaders.stream()
                .flatMap(header -> List.of(header.split(",")).stream())
                .map(WaitPreference::parseOne)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** One preference: {@code token [= value] *(; parameter)}; the value may be quoted. */
    private static Optional<WaitPreference> parseOne(String preference) {
        String nameAndValue = preference.split(";", 2)[0];
        String[] parts = nameAndValue.split("=", 2);
        if (parts.length != 2 || !parts[0].trim().equalsIgnoreCase("wait")) {
            return Optional.empty();
        }
        String value = parts[1].trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!SECONDS.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new WaitPreference(Math.min(Integer.parseInt(value), MAX_SECONDS)));
    }

    public Duration duration() {
        return Duration.ofSeconds(seconds);
    }

    /** The {@code Prefer} value that asks for this wait: {@code wait=N}. */
    public String value() {
        return "wait=" + seconds;
    }

    /** The {@code Preference-Applied} value: the wait actually granted. */
    public String applied() {
        return value();
    }
}
