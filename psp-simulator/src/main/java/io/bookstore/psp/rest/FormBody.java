package io.bookstore.psp.rest;

import io.bookstore.psp.domain.StripeException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An {@code application/x-www-form-urlencoded} body as Stripe reads it: nested names such as
 * {@code metadata[order_id]} stay whole names. Parsed by hand because a PaymentIntent takes
 * any metadata key, which no fixed list of form parameters can declare.
 */
public final class FormBody {

    private final SortedMap<String, List<String>> params;

    private FormBody(SortedMap<String, List<String>> params) {
        this.params = params;
    }

    public static FormBody parse(String body) {
        SortedMap<String, List<String>> params = new TreeMap<>();
        if (body != null) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                params.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            }
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return new FormBody(Collections.unmodifiableSortedMap(params));
    }

    /** Every parameter with its values, in name order: what an idempotent replay must match. */
    public SortedMap<String, List<String>> params() {
        return params;
    }

    /** The one value of a parameter; sending it twice is refused rather than guessing which one counts. */
    public Optional<String> single(String name) {
        List<String> values = params.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw StripeException.invalid(name, "Received the parameter " + name + " " + values.size() + " times; send it once.");
        }
        return Optional.of(values.get(0));
    }

    /** A parameter that must have a value: absent is {@code parameter_missing}, empty is Stripe's "cannot be unset". */
    public String required(String name) {
        String value = single(name).orElseThrow(() -> StripeException.missing(name));
        return nonEmpty(name, value);
    }

    /** An optional parameter; an empty value is refused, as Stripe reads it as an attempt to unset a field. */
    public Optional<String> optional(String name) {
        return single(name).map(value -> nonEmpty(name, value));
    }

    public Iterable<Map.Entry<String, List<String>>> entries() {
        return params.entrySet();
    }

    private static String nonEmpty(String name, String value) {
        if (value.isEmpty()) {
            throw StripeException.invalid(name, "parameter_invalid_empty", "You passed an empty string for '" + name
                    + "'. We assume empty values are an attempt to unset a parameter; however '" + name + "' cannot be unset.");
        }
        return value;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeException.invalid(null, "The request body is not valid application/x-www-form-urlencoded: " + e.getMessage());
        }
    }
}
