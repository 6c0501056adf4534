package io.bookstore.psp.domain;

import io.bookstore.psp.config.PspConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The faults one request or intent gets: the configured defaults, overridden by the
 * {@code psp_…} metadata keys of the intent. Each knob is bounded, so one request cannot
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
    public static final String LATENCY_MS = "psp_latency_ms";
    public static final String ERROR_RATE = "psp_error_rate";
    public static final String FAIL_ATTEMPTS = "psp_fail_attempts";
    public static final String WEBHOOK_DELAY_MS = "psp_webhook_delay_ms";
    public static final String WEBHOOK_DUPLICATES = "psp_webhook_duplicates";
    public static final String WEBHOOK_OUT_OF_ORDER_RATE = "psp_webhook_out_of_order_rate";
    public static final String WEBHOOK_DROP_RATE = "psp_webhook_drop_rate";

    public static final int MAX_LATENCY_MS = 30_000;
    public static final int MAX_FAIL_ATTEMPTS = 10;
    public static final int MAX_WEBHOOK_DELAY_MS = 300_000;
    public static final int MAX_WEBHOOK_DUPLICATES = 10;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("^\\d{1,9}$");
    private static final Pattern FRACTION = Pattern.compile("^(0(\\.\\d{1,9})?|1(\\.0{1,9})?|\\.\\d{1,9})$");

    public static Faults defaults(PspConfig.Faults config) {
        return resolve(config, Map.of());
    }

    /** The defaults with the intent's knobs applied; an unknown {@code psp_} key or a value out of bounds is a 400. */
    public static Faults resolve(PspConfig.Faults config, Map<String, String> metadata) {
        Duration latency = config.latency();
        double errorRate = config.errorRate();
        int failAttempts = 0;
        Duration webhookDelay = config.webhookDelay();
        int webhookDuplicates = config.webhookDuplicates();
        double webhookOutOfOrderRate = config.webhookOutOfOrderRate();
        double webhookDropRate = config.webhookDropRate();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String value = entry.getValue();
            switch (key) {
                case LATENCY_MS -> latency = Duration.ofMillis(wholeNumber(key, value, MAX_LATENCY_MS));
                case ERROR_RATE -> errorRate = fraction(key, value);
                case FAIL_ATTEMPTS -> failAttempts = wholeNumber(key, value, MAX_FAIL_ATTEMPTS);
                case WEBHOOK_DELAY_MS -> webhookDelay = Duration.ofMillis(wholeNumber(key, value, MAX_WEBHOOK_DELAY_MS));
                case WEBHOOK_DUPLICATES -> webhookDuplicates = wholeNumber(key, value, MAX_WEBHOOK_DUPLICATES);
                case WEBHOOK_OUT_OF_ORDER_RATE -> webhookOutOfOrderRate = fraction(key, value);
                case WEBHOOK_DROP_RATE -> webhookDropRate = fraction(key, value);
                default -> throw StripeException.invalid(param(key), "Unknown psp-simulator fault knob '" + key
                        + "'. Metadata keys starting with '" + PREFIX + "' are reserved for the simulator's knobs.");
            }
        }
        return new Faults(latency, errorRate, failAttempts, webhookDelay, webhookDuplicates, webhookOutOfOrderRate, webhookDropRate);
    }

    /** True with the given probability: 0 never, 1 always. */
    public static boolean draw(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static int wholeNumber(String key, String value, int max) {
        if (!WHOLE_NUMBER.matcher(value).matches() || Integer.parseInt(value) > max) {
            throw StripeException.invalid(param(key), key + " must be a whole number from 0 to " + max + ", got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static double fraction(String key, String value) {
        if (!FRACTION.matcher(value).matches()) {
            throw StripeException.invalid(param(key), key + " must be a decimal fraction from 0 to 1, got '" + value + "'");
        }
        return Double.parseDouble(value);
    }

    private static String param(String key) {
        return "metadata[" + key + "]";
    }
}
