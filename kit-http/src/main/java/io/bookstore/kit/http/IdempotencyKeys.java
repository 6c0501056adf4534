package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} of a request that creates something (a checkout, an
 * order): at most one, of 1 to 255 visible ASCII characters; anything else is a 400 naming
 * the header.
 */
public final class IdempotencyKeys {

    /** Visible ASCII, bounded: a key is an opaque client token (a UUID, typically), never free text. */
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private IdempotencyKeys() {
    }

    /**
     * The key among the header's raw values ({@code headers.getRequestHeader(HttpHeaders.IDEMPOTENCY_KEY)}):
     * {@code @HeaderParam} turns an empty value into no header at all.
     *
     * @throws InvalidRequestException when the header is sent twice or its value is not a key
     */
    public static Optional<String> read(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(HttpHeaders.IDEMPOTENCY_KEY, "must be sent once");
        }
        String key = values.get(0);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidRequestException(HttpHeaders.IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        return Optional.of(key);
    }
}
