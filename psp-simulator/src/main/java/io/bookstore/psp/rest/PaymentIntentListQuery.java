package io.bookstore.psp.rest;

import io.bookstore.psp.domain.PaymentIntentQuery;
import io.bookstore.psp.domain.StripeException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the query of {@code GET /v1/payment_intents} with Stripe's rules for list parameters:
 * {@code limit}, one cursor, and {@code created} as a timestamp or a range
 * ({@code created[gt]}, {@code [gte]}, {@code [lt]}, {@code [lte]}). Anything else is refused.
 */
final class PaymentIntentListQuery {

    private static final Set<String> PARAMS = Set.of("limit", "starting_after", "ending_before",
            "created", "created[gt]", "created[gte]", "created[lt]", "created[lte]");
    private static final Pattern INTEGER = Pattern.compile("^-?\\d{1,18}$");

    private PaymentIntentListQuery() {
    }

    static PaymentIntentQuery read(FormBody query) {
        for (Map.Entry<String, List<String>> param : query.entries()) {
            if (!PARAMS.contains(param.getKey())) {
                throw PaymentIntentForm.unknown(param.getKey());
            }
        }
        int limit = query.optional("limit").map(PaymentIntentListQuery::limit).orElse(PaymentIntentQuery.DEFAULT_LIMIT);
        Optional<String> startingAfter = query.optional("starting_after");
        Optional<String> endingBefore = query.optional("ending_before");
        if (startingAfter.isPresent() && endingBefore.isPresent()) {
            throw StripeException.invalid("ending_before", "You may only specify one of these parameters: starting_after, ending_before.");
        }
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        Optional<Long> exactly = query.optional("created").map(value -> integer("created", value));
        if (exactly.isPresent()) {
            from = exactly.get();
            to = exactly.get();
        }
        from = Math.max(from, query.optional("created[gt]").map(value -> integer("created[gt]", value) + 1).orElse(Long.MIN_VALUE));
        from = Math.max(from, query.optional("created[gte]").map(value -> integer("created[gte]", value)).orElse(Long.MIN_VALUE));
        to = Math.min(to, query.optional("created[lt]").map(value -> integer("created[lt]", value) - 1).orElse(Long.MAX_VALUE));
        to = Math.min(to, query.optional("created[lte]").map(value -> integer("created[lte]", value)).orElse(Long.MAX_VALUE));
        return new PaymentIntentQuery(limit, startingAfter, endingBefore, from, to);
    }

    private static int limit(String value) {
        long limit = integer("limit", value);
        if (limit < 1) {
            throw StripeException.invalid("limit", "parameter_invalid_integer", "This value must be greater than or equal to 1.");
        }
        if (limit > PaymentIntentQuery.MAX_LIMIT) {
            throw StripeException.invalid("limit", "parameter_invalid_integer",
                    "This value must be less than or equal to " + PaymentIntentQuery.MAX_LIMIT + ".");
        }
        return (int) limit;
    }

    private static long integer(String param, String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw StripeException.invalid(param, "parameter_invalid_integer", "Invalid integer: " + value);
        }
        return Long.parseLong(value);
    }
}
