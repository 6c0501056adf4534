package io.bookstore.contracts;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as they travel on every wire (order ids in paths and bodies, {@code ce_id}, the PSP's
 * metadata): UUIDs in their canonical text form, 8-4-4-4-12 hex digits. {@link UUID#fromString}
 * alone also takes forms like {@code 1-2-3-4-5}, which no client of ours writes.
 */
public final class Uuids {

    public static final String PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Uuids() {
    }

    public static boolean isValid(String text) {
        return text != null && COMPILED.matcher(text).matches();
    }

    /** The UUID a canonical text names; empty for any other text, and for none. */
    public static Optional<UUID> parse(String text) {
        return isValid(text) ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
