package io.bookstore.psp.domain;

import java.security.SecureRandom;

/** Stripe-shaped object ids: a type prefix and random base-62 characters. */
public final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // A client secret authorises client-side calls at Stripe, so it comes from a strong source like one.
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String paymentIntent() {
        return "pi_" + random(24);
    }

    public static String clientSecret(String intentId) {
        return intentId + "_secret_" + random(25);
    }

    public static String event() {
        return "evt_" + random(24);
    }

    public static String request() {
        return "req_" + random(14);
    }

    private static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
