package io.bookstore.psp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the simulator. The secrets are development defaults: a deployment sets
 * {@code BOOKSTORE_PSP_SECRET_KEY} and {@code BOOKSTORE_PSP_WEBHOOK_SECRET}.
 */
@ConfigMapping(prefix = "bookstore.psp")
public interface PspConfig {

    /** The API key clients send as {@code Authorization: Bearer <key>}. */
    @WithDefault("sk_test_bookstore")
    @NotBlank
    String secretKey();

    @Valid
    Webhook webhook();

    /** What every request gets unless its metadata says otherwise. */
    @Valid
    Faults faults();

    @Valid
    Store store();

    interface Webhook {

        /** Where events are POSTed (the payments-gateway's webhook endpoint). */
        @WithDefault("http://localhost:8084/webhooks/psp")
        URI url();

        /** The endpoint's signing secret (Stripe's {@code whsec_…}). */
        @WithDefault("whsec_bookstore")
        @NotBlank
        String secret();

        /** Attempts per delivery, the first included; Stripe keeps trying for days, a test wants few. */
        @WithDefault("8")
        @Min(1)
        @Max(100)
        int maxAttempts();

        /** Wait before the second attempt; each later wait doubles, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        @DurationMin(millis = 1)
        Duration initialBackoff();

        @WithDefault("1m")
        @DurationMin(millis = 1)
        Duration maxBackoff();

        /** How long one attempt may take before it counts as failed. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration timeout();
    }

    /** Fault defaults; the metadata knobs ({@code psp_…}) override them per intent. */
    interface Faults {

        /** Added before every API answer. */
        @WithDefault("0s")
        @DurationMin(millis = 0)
        @DurationMax(seconds = 30)
        Duration latency();

        /** Fraction of API requests answered 500 {@code api_error} before anything is done. */
        @WithDefault("0")
        @DecimalMin("0")
        @DecimalMax("1")
        double errorRate();

        /** Wait between an intent reaching its final status and the first webhook attempt. */
        @WithDefault("0s")
        @DurationMin(millis = 0)
        @DurationMax(minutes = 5)
        Duration webhookDelay();

        /** Extra deliveries of every event (0: each event is delivered once). */
        @WithDefault("0")
        @Min(0)
        @Max(10)
        int webhookDuplicates();

        /** Fraction of intents whose {@code payment_intent.created} is delivered after their final event. */
        @WithDefault("0")
        @DecimalMin("0")
        @DecimalMax("1")
        double webhookOutOfOrderRate();

        /** Fraction of intents whose events are never delivered. */
        @WithDefault("0")
        @DecimalMin("0")
        @DecimalMax("1")
        double webhookDropRate();
    }

    /** Memory bounds: beyond them the oldest entries are forgotten. */
    interface Store {

        @WithDefault("100000")
        @Min(1)
        int maxIntents();

        @WithDefault("100000")
        @Min(1)
        int maxIdempotencyKeys();
    }
}
