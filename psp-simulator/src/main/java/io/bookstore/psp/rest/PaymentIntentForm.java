package io.bookstore.psp.rest;

import io.bookstore.psp.domain.NewIntent;
import io.bookstore.psp.domain.StripeException;
import io.bookstore.psp.domain.TestPaymentMethods;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the form parameters of the PaymentIntent endpoints with Stripe's rules and messages.
 * A parameter Stripe would not accept is refused here, before anything is stored, so a client
 * that passes against the simulator does not fail against Stripe on a typo.
 */
final class PaymentIntentForm {

    /** Stripe's largest amount (99,999,999 in the smallest currency unit, $999,999.99). */
    static final long MAX_AMOUNT = 99_999_999L;
    static final int MAX_METADATA_KEYS = 50;
    static final int MAX_METADATA_KEY_LENGTH = 40;
    static final int MAX_METADATA_VALUE_LENGTH = 500;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    private static final Set<String> CREATE_PARAMS = Set.of("amount", "currency", "payment_method", "confirm", "description",
            "return_url", "metadata", "automatic_payment_methods[enabled]", "automatic_payment_methods[allow_redirects]");
    private static final Set<String> CONFIRM_PARAMS = Set.of("payment_method", "return_url");
    private static final Set<String> CANCELLATION_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");
    private static final Pattern METADATA_KEY = Pattern.compile("^metadata\\[(.*)]$");
    private static final Pattern PAYMENT_METHOD_TYPE = Pattern.compile("^payment_method_types\\[\\d*]$");
    private static final Pattern INTEGER = Pattern.compile("^-?\\d{1,18}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");

    private PaymentIntentForm() {
    }

    static NewIntent create(FormBody form) {
        for (Map.Entry<String, List<String>> param : form.entries()) {
            String name = param.getKey();
            if (!CREATE_PARAMS.contains(name) && !METADATA_KEY.matcher(name).matches() && !PAYMENT_METHOD_TYPE.matcher(name).matches()) {
                throw unknown(name);
            }
        }
        long amount = amount(form.required("amount"));
        String currency = currency(form.required("currency"));
        Optional<String> paymentMethod = form.optional("payment_method").map(PaymentIntentForm::knownPaymentMethod);
        boolean confirm = form.optional("confirm").map(value -> bool("confirm", value)).orElse(false);
        if (confirm && paymentMethod.isEmpty()) {
            throw StripeException.invalid("payment_method", "parameter_missing",
                    "You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method with confirm=true.");
        }
        SortedMap<String, String> metadata = metadata(form);
        Optional<String> description = form.optional("description").map(PaymentIntentForm::description);
        form.optional("automatic_payment_methods[enabled]").ifPresent(value -> bool("automatic_payment_methods[enabled]", value));
        form.optional("automatic_payment_methods[allow_redirects]").ifPresent(PaymentIntentForm::allowRedirects);
        // Nothing redirects in the simulator: return_url is only checked for an empty value.
        form.optional("return_url");
        return new NewIntent(amount, currency, paymentMethod, confirm, metadata, description, paymentMethodTypes(form));
    }

    /** The payment method of {@code POST /v1/payment_intents/{id}/confirm}, when it names one. */
    static Optional<String> confirm(FormBody form) {
        for (Map.Entry<String, List<String>> param : form.entries()) {
            if (!CONFIRM_PARAMS.contains(param.getKey())) {
                throw unknown(param.getKey());
            }
        }
        // Nothing redirects in the simulator: return_url is only checked for an empty value.
        form.optional("return_url");
        return form.optional("payment_method").map(PaymentIntentForm::knownPaymentMethod);
    }

    /** The reason of {@code POST /v1/payment_intents/{id}/cancel}, when it gives one: one of Stripe's four. */
    static Optional<String> cancel(FormBody form) {
        for (Map.Entry<String, List<String>> param : form.entries()) {
            if (!param.getKey().equals("cancellation_reason")) {
                throw unknown(param.getKey());
            }
        }
        Optional<String> reason = form.optional("cancellation_reason");
        reason.filter(value -> !CANCELLATION_REASONS.contains(value)).ifPresent(value -> {
            throw StripeException.invalid("cancellation_reason", "Invalid cancellation_reason: must be one of "
                    + String.join(", ", new TreeSet<>(CANCELLATION_REASONS)));
        });
        return reason;
    }

    static StripeException unknown(String name) {
        return StripeException.invalid(name, "parameter_unknown", "Received unknown parameter: " + name);
    }

    private static long amount(String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw StripeException.invalid("amount", "parameter_invalid_integer", "Invalid integer: " + value);
        }
        long amount = Long.parseLong(value);
        if (amount < 1) {
            throw StripeException.invalid("amount", "parameter_invalid_integer", "This value must be greater than or equal to 1.");
        }
        if (amount > MAX_AMOUNT) {
            throw StripeException.invalid("amount", "amount_too_large",
                    "Amount must be no more than " + MAX_AMOUNT + " in the currency's smallest unit.");
        }
        return amount;
    }

    private static String currency(String value) {
        if (!CURRENCY.matcher(value).matches()) {
            throw StripeException.invalid("currency", "Invalid currency: " + value.toLowerCase(Locale.ROOT)
                    + ". Stripe currently supports these currencies: three-letter ISO codes in lower case, such as usd or eur.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String knownPaymentMethod(String value) {
        if (TestPaymentMethods.charge(value).isEmpty()) {
            throw TestPaymentMethods.noSuch(value);
        }
        return value;
    }

    private static boolean bool(String param, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw StripeException.invalid(param, "Invalid boolean: " + value);
        };
    }

    private static void allowRedirects(String value) {
        if (!value.equals("always") && !value.equals("never")) {
            throw StripeException.invalid("automatic_payment_methods[allow_redirects]",
                    "Invalid automatic_payment_methods[allow_redirects]: must be one of always or never");
        }
    }

    private static String description(String value) {
        if (value.length() > MAX_DESCRIPTION_LENGTH) {
            throw StripeException.invalid("description", "Invalid string: must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return value;
    }

    /** Stripe's metadata rules: up to 50 keys of at most 40 characters, values of at most 500; an empty value sets nothing. */
    private static SortedMap<String, String> metadata(FormBody form) {
        SortedMap<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, List<String>> param : form.entries()) {
            Matcher key = METADATA_KEY.matcher(param.getKey());
            if (!key.matches()) {
                continue;
            }
            String name = key.group(1);
            String value = form.single(param.getKey()).orElseThrow();
            if (name.isEmpty() || name.contains("[") || name.contains("]")) {
                throw StripeException.invalid(param.getKey(), "Invalid metadata key: keys must be non-empty and cannot contain '[' or ']'.");
            }
            if (name.length() > MAX_METADATA_KEY_LENGTH) {
                throw StripeException.invalid(param.getKey(), "Metadata keys can have up to " + MAX_METADATA_KEY_LENGTH
                        + " characters, but you passed in a key with " + name.length() + " characters.");
            }
            if (value.length() > MAX_METADATA_VALUE_LENGTH) {
                throw StripeException.invalid(param.getKey(), "Metadata values can have up to " + MAX_METADATA_VALUE_LENGTH
                        + " characters, but you passed in a value with " + value.length() + " characters.");
            }
            if (!value.isEmpty()) {
                metadata.put(name, value);
            }
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw StripeException.invalid("metadata", "Metadata can have up to " + MAX_METADATA_KEYS
                    + " keys, but you passed in " + metadata.size() + " keys.");
        }
        // "metadata=" (no key) unsets all metadata at Stripe; on a new intent that is no metadata at all.
        form.single("metadata").filter(value -> !value.isEmpty()).ifPresent(value -> {
            throw StripeException.invalid("metadata", "Invalid object: send metadata as metadata[key]=value");
        });
        return metadata;
    }

    /** Only cards are simulated, so the one type a client may name is card, which is also what it gets when it names none. */
    private static List<String> paymentMethodTypes(FormBody form) {
        for (Map.Entry<String, List<String>> param : form.entries()) {
            if (PAYMENT_METHOD_TYPE.matcher(param.getKey()).matches()) {
                for (String type : param.getValue()) {
                    if (!type.equals("card")) {
                        throw StripeException.invalid(param.getKey(),
                                "The payment method type \"" + type + "\" is not simulated; psp-simulator only knows card.");
                    }
                }
            }
        }
        return List.of("card");
    }
}
