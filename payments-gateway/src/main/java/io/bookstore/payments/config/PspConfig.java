package io.bookstore.payments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * The payment service provider: the psp-simulator in development and tests, Stripe itself
 * with {@code https://api.stripe.com} and a test-mode key pair. The defaults are the
 * simulator's development secrets; every shared deployment sets its own
 * ({@code BOOKSTORE_PSP_SECRET_KEY}, {@code BOOKSTORE_PSP_WEBHOOK_SECRET}).
 */
@ConfigMapping(prefix = "bookstore.psp")
public interface PspConfig {

    /** Where {@code /v1/payment_intents} lives; the REST client {@code psp} uses it. */
    @WithDefault("http://localhost:8090")
    URI baseUrl();

    /** The API key, sent as {@code Authorization: Bearer …}. */
    @WithDefault("sk_test_bookstore")
    String secretKey();

    /** The signing secret of the webhook endpoint ({@code whsec_…}). */
    @WithDefault("whsec_bookstore")
    String webhookSecret();

    /** How far a webhook's signed timestamp may be from now: an older one may be a replay. */
    @WithDefault("5m")
    Duration signatureTolerance();

    /** Pinned so that Stripe answers in the shape this code reads, whatever the account's default. */
    @WithDefault("2024-06-20")
    String apiVersion();
}
