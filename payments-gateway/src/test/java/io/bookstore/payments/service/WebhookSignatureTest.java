package io.bookstore.payments.service;

import io.bookstore.payments.domain.InvalidSignatureException;
import io.bookstore.payments.domain.InvalidSignatureException.Reason;
import io.bookstore.payments.support.Webhooks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stripe's signature scheme, checked against signatures made by an HMAC written independently (in {@link Webhooks}). */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_unit";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"note\":\"caf\u00e9\"}";
    private static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);

    private final WebhookSignature signature = new WebhookSignature(SECRET, Duration.ofMinutes(5));

    @Test
    void aFreshSignatureOfTheExactBodyPasses() {
        assertThatCode(() -> verify(Webhooks.signature(SECRET, NOW.getEpochSecond() - 299, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralAndUnknownSchemesPasses() {
        String good = Webhooks.signature(SECRET, NOW.getEpochSecond(), BODY);
        String header = "t=" + NOW.getEpochSecond() + ",v0=abc,v1=" + "ab".repeat(32) + "," + good.substring(good.indexOf("v1="));
        assertThatCode(() -> verify(header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertRefused(null, BODY, Reason.MISSING);
        assertRefused("  ", BODY, Reason.MISSING);
    }

    @Test
    void aHeaderWithoutTimestampOrSignatureIsRefused() {
        assertRefused("v1=" + "ab".repeat(32), BODY, Reason.MALFORMED);
        assertRefused("t=" + NOW.getEpochSecond(), BODY, Reason.MALFORMED);
        assertRefused("t=yesterday,v1=" + "ab".repeat(32), BODY, Reason.MALFORMED);
    }

    @Test
    void anotherSecretOrAnotherBodyIsRefused() {
        assertRefused(Webhooks.signature("whsec_other", NOW.getEpochSecond(), BODY), BODY, Reason.MISMATCH);
        assertRefused(Webhooks.signature(SECRET, NOW.getEpochSecond(), BODY), BODY + " ", Reason.MISMATCH);
    }

    @Test
    void aSignatureMoreThanFiveMinutesFromNowIsRefusedEitherWay() {
        assertRefused(Webhooks.signature(SECRET, NOW.getEpochSecond() - 301, BODY), BODY, Reason.STALE);
        assertRefused(Webhooks.signature(SECRET, NOW.getEpochSecond() + 301, BODY), BODY, Reason.STALE);
    }

    @Test
    void aTimestampMovedIntoTheWindowBreaksTheSignature() {
        String old = Webhooks.signature(SECRET, NOW.getEpochSecond() - 3600, BODY);
        String replayed = "t=" + NOW.getEpochSecond() + old.substring(old.indexOf(','));
        assertRefused(replayed, BODY, Reason.MISMATCH);
    }

    private void verify(String header, String body) {
        signature.verify(header, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private void assertRefused(String header, String body, Reason reason) {
        assertThatThrownBy(() -> verify(header, body))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
