package io.bookstore.contracts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Statuses and other enumerated values travel lower case on every wire, and are stored so: a
 * constant's wire name is its name in lower case ({@code PENDING_PAYMENT} is
 * {@code pending_payment}), by this one rule rather than a string written beside each constant.
 */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The one of {@code constants}, an enum's {@code values()}, whose wire name is {@code wire};
     * empty for any other text, upper case included.
     */
    public static <E extends Enum<E>> Optional<E> find(E[] constants, String wire) {
        return Arrays.stream(constants).filter(constant -> of(constant).equals(wire)).findFirst();
    }
}
