package io.bookstore.psp.domain;

import io.bookstore.psp.config.PspConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The faults one request or intent gets: the defaults (configured, or switched at run time
 * through {@code /sim/faults}), overridden by the {@code psp_…} metadata keys of the intent. Each knob is bounded, so one request cannot
 * tie the simulator up for long.
 */
public record Faults(Duration latency,
                     double errorRate,
                     int failAttempts,
                     Duration webhookDelay,
                     int webhookDuplicates,
                     double webhookOutOfOrderRate,
                     double webhookDropRate) {

    public static final String PREFIX = "psp_";
    public static final String LATENCY_MS = PREFIX + Knob.LATENCY_MS;
    public static final String ERROR_RATE = PREFIX + Knob.ERROR_RATE;
    public static final String FAIL_ATTEMPTS = PREFIX + Knob.FAIL_ATTEMPTS;
    public static final String WEBHOOK_DELAY_MS = PREFIX + Knob.WEBHOOK_DELAY_MS;
    public static final String WEBHOOK_DUPLICATES = PREFIX + Knob.WEBHOOK_DUPLICATES;
    public static final String WEBHOOK_OUT_OF_ORDER_RATE = PREFIX + Knob.WEBHOOK_OUT_OF_ORDER_RATE;
    public static final String WEBHOOK_DROP_RATE = PREFIX + Knob.WEBHOOK_DROP_RATE;

    /**
     * The knobs whose default can be switched at run time ({@code /sim/faults}), by their names
     * without the prefix: all but {@code fail_attempts}, which counts the attempts of one
     * idempotency key and so has no meaning as a default.
     */
    public static final List<String> SWITCHES = List.of(Knob.LATENCY_MS, Knob.ERROR_RATE, Knob.WEBHOOK_DELAY_MS,
            Knob.WEBHOOK_DUPLICATES, Knob.WEBHOOK_OUT_OF_ORDER_RATE, Knob.WEBHOOK_DROP_RATE);

    public static final int MAX_LATENCY_MS = 30_000;
    public static final int MAX_FAIL_ATTEMPTS = 10;
    public static final int MAX_WEBHOOK_DELAY_MS = 300_000;
    public static final int MAX_WEBHOOK_DUPLICATES = 10;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("^\\d{1,9}$");
    private static final Pattern FRACTION = Pattern.compile("^(0(\\.\\d{1,9})?|1(\\.0{1,9})?|\\.\\d{1,9})$");

    /** The knobs' names without the prefix. */
    private static final class Knob {
        static final String LATENCY_MS = "latency_ms";
        static final String ERROR_RATE = "error_rate";
        static final String FAIL_ATTEMPTS = "fail_attempts";
        static final String WEBHOOK_DELAY_MS = "webhook_delay_ms";
        static final String WEBHOOK_DUPLICATES = "webhook_duplicates";
        static final String WEBHOOK_OUT_OF_ORDER_RATE = "webhook_out_of_order_rate";
        static final String WEBHOOK_DROP_RATE = "webhook_drop_rate";
    }

    /** The configured defaults. */
    public static Faults defaults(PspConfig.Faults config) {
        return new Faults(config.latency(), config.errorRate(), 0, config.webhookDelay(), config.webhookDuplicates(),
                config.webhookOutOfOrderRate(), config.webhookDropRate());
    }

    /** The defaults with the intent's knobs applied; an unknown {@code psp_} key or a value out of bounds is a 400. */
    public static Faults resolve(Faults defaults, Map<String, String> metadata) {
        Map<String, String> knobs = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX)) {
                knobs.put(key.substring(PREFIX.length()), entry.getValue());
            }
        }
        return apply(defaults, knobs, knob -> "metadata[" + PREFIX + knob + "]", knob -> "Unknown psp-simulator fault knob '"
                + PREFIX + knob + "'. Metadata keys starting with '" + PREFIX + "' are reserved for the simulator's knobs.");
    }

    /**
     * The given defaults with some knobs switched, named as in {@link #SWITCHES}: what the
     * simulator's admin API sets. An unknown knob or a value out of bounds is a 400 naming it.
     */
    public static Faults switched(Faults defaults, Map<String, String> switches) {
        UnaryOperator<String> unknown = knob -> "Unknown fault knob '" + knob + "'; the knobs are " + String.join(", ", SWITCHES) + ".";
        switches.keySet().stream().filter(knob -> !SWITCHES.contains(knob)).findFirst().ifPresent(knob -> {
            throw StripeException.invalid(knob, unknown.apply(knob));
        });
        return apply(defaults, switches, knob -> knob, unknown);
    }

    /**
     * Applies knobs by their names without the prefix, each checked against its bounds;
     * {@code param} names a knob in an error, {@code unknown} words the error for a name that is no knob.
     */
    private static Faults apply(Faults base, Map<String, String> knobs, UnaryOperator<String> param, UnaryOperator<String> unknown) {
        Duration latency = base.latency();
        double errorRate = base.errorRate();
        int failAttempts = base.failAttempts();
        Duration webhookDelay = base.webhookDelay();
        int webhookDuplicates = base.webhookDuplicates();
        double webhookOutOfOrderRate = base.webhookOutOfOrderRate();
        double webhookDropRate = base.webhookDropRate();
        for (Map.Entry<String, String> entry : knobs.entrySet()) {
            String name = param.apply(entry.getKey());
            String value = entry.getValue();
            switch (entry.getKey()) {
                case Knob.LATENCY_MS -> latency = Duration.ofMillis(wholeNumber(name, value, MAX_LATENCY_MS));
                case Knob.ERROR_RATE -> errorRate = fraction(name, value);
                case Knob.FAIL_ATTEMPTS -> failAttempts = wholeNumber(name, value, MAX_FAIL_ATTEMPTS);
                case Knob.WEBHOOK_DELAY_MS -> webhookDelay = Duration.ofMillis(wholeNumber(name, value, MAX_WEBHOOK_DELAY_MS));
                case Knob.WEBHOOK_DUPLICATES -> webhookDuplicates = wholeNumber(name, value, MAX_WEBHOOK_DUPLICATES);
                case Knob.WEBHOOK_OUT_OF_ORDER_RATE -> webhookOutOfOrderRate = fraction(name, value);
                case Knob.WEBHOOK_DROP_RATE -> webhookDropRate = fraction(name, value);
                default -> throw StripeException.invalid(name, unknown.apply(entry.getKey()));
            }
        }
        return new Faults(latency, errorRate, failAttempts, webhookDelay, webhookDuplicates, webhookOutOfOrderRate, webhookDropRate);
    }

    /** True with the given probability: 0 never, 1 always. */
    public static boolean draw(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static int wholeNumber(String param, String value, int max) {
        if (!WHOLE_NUMBER.matcher(value).matches() || Integer.parseInt(value) > max) {
            throw StripeException.invalid(param, param + " must be a whole number from 0 to " + max + ", got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static double fraction(String param, String value) {
        if (!FRACTION.matcher(value).matches()) {
            throw StripeException.invalid(param, param + " must be a decimal fraction from 0 to 1, got '" + value + "'");
        }
        return Double.parseDouble(value);
    }
}
