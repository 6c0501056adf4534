package io.bookstore.orders.service;

import io.bookstore.contracts.Isbn;
import io.bookstore.orders.domain.NewOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the canonical form of an order request: what the request means, not its bytes.
 * Key order, whitespace and ISBN hyphenation do not change it; any field that changes the
 * order does. Every value is length-prefixed, so no two requests share an encoding; a
 * chosen order id comes last, after the counted lines, so a request without one hashes as
 * it did before ids could be chosen.
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(NewOrder order) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, order.tenant());
        append(canonical, order.currency());
        append(canonical, order.paymentMethod());
        append(canonical, Integer.toString(order.lines().size()));
        order.lines().forEach(line -> {
            append(canonical, Isbn.digits(line.isbn()));
            append(canonical, Integer.toString(line.qty()));
            append(canonical, Long.toString(line.unitPriceCents()));
        });
        order.orderId().ifPresent(id -> append(canonical, id.toString()));
        return HexFormat.of().formatHex(sha256(canonical.toString()));
    }

    private static void append(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
