package io.bookstore.psp;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.bookstore.psp.PspApi.api;
import static io.bookstore.psp.PspApi.cancel;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.confirm;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.orderId;
import static io.bookstore.psp.PspApi.retrieve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Stripe's test cards over real HTTP, and the signed webhooks they raise at a real endpoint. */
@QuarkusTest
class PaymentIntentFlowTest {

    @Test
    void visaSucceedsAndOneSignedWebhookEchoesTheMetadataWithoutTraceHeaders() {
        String[] params = charge("pm_card_visa", "metadata[traceparent]", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        long before = Instant.now().getEpochSecond();
        ExtractableResponse<Response> response = create(api()
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("tracestate", "vendor=value")
                .header("baggage", "tenant=acme"), params)
                .statusCode(200)
                .header("Request-Id", startsWith("req_"))
                .header("traceparent", nullValue())
                .body("id", matchesPattern("^pi_[A-Za-z0-9]{24}$"))
                .body("object", equalTo("payment_intent"))
                .body("amount", equalTo(4999))
                .body("amount_received", equalTo(4999))
                .body("currency", equalTo("usd"))
                .body("status", equalTo("succeeded"))
                .body("payment_method", equalTo("pm_card_visa"))
                .body("livemode", equalTo(false))
                .body("client_secret", startsWith("pi_"))
                .body("last_payment_error", nullValue())
                .body("metadata.order_id", equalTo(orderId(params)))
                .extract();
        String id = response.path("id");

        Delivery delivery = Receiver.awaitTheOnlyDelivery(id);

        assertThat(delivery.method()).isEqualTo("POST");
        assertThat(delivery.header("Content-Type")).singleElement().asString().startsWith("application/json");
        assertThat(delivery.signatureVerifies(Receiver.secret())).isTrue();
        assertThat(delivery.signatureVerifies("whsec_someone_else")).isFalse();
        assertThat(delivery.signedAt().orElseThrow()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(delivery.headers()).doesNotContainKeys("traceparent", "tracestate", "baggage");

        JsonNode event = delivery.event();
        assertThat(event.path("id").asText()).matches("^evt_[A-Za-z0-9]{24}$");
        assertThat(event.path("object").asText()).isEqualTo("event");
        assertThat(event.path("type").asText()).isEqualTo("payment_intent.succeeded");
        assertThat(event.path("api_version").asText()).isEqualTo("2024-06-20");
        assertThat(event.path("livemode").asBoolean(true)).isFalse();
        assertThat(event.path("created").asLong()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(event.path("request").path("id").asText()).isEqualTo(response.header("Request-Id"));
        JsonNode intent = delivery.intent();
        assertThat(intent.path("id").asText()).isEqualTo(id);
        assertThat(intent.path("status").asText()).isEqualTo("succeeded");
        assertThat(intent.path("amount").asLong()).isEqualTo(4999);
        // The gateway carries its trace context through metadata, since no header arrives.
        assertThat(intent.path("metadata").path("order_id").asText()).isEqualTo(orderId(params));
        assertThat(intent.path("metadata").path("traceparent").asText()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @ParameterizedTest
    @CsvSource({
            "pm_card_chargeDeclined, card_declined, generic_decline, Your card was declined.",
            "pm_card_chargeDeclinedInsufficientFunds, card_declined, insufficient_funds, Your card has insufficient funds.",
            "pm_card_chargeDeclinedExpiredCard, expired_card, expired_card, Your card has expired."})
    void aDeclinedCardIsA402CardErrorAndAPaymentFailedWebhook(String card, String code, String declineCode, String message) {
        String[] params = charge(card);
        String id = create(params)
                .statusCode(402)
                .body("error.type", equalTo("card_error"))
                .body("error.code", equalTo(code))
                .body("error.decline_code", equalTo(declineCode))
                .body("error.message", equalTo(message))
                .body("error.payment_method.id", equalTo(card))
                .body("error.payment_intent.status", equalTo("requires_payment_method"))
                .body("error.payment_intent.amount_received", equalTo(0))
                .body("error.payment_intent.last_payment_error.decline_code", equalTo(declineCode))
                .body("error.payment_intent.metadata.order_id", equalTo(orderId(params)))
                .extract().path("error.payment_intent.id");

        Delivery delivery = Receiver.await(id, 1).get(0);
        assertThat(delivery.signatureVerifies(Receiver.secret())).isTrue();
        assertThat(delivery.type()).isEqualTo("payment_intent.payment_failed");
        assertThat(delivery.intent().path("status").asText()).isEqualTo("requires_payment_method");
        assertThat(delivery.intent().path("last_payment_error").path("code").asText()).isEqualTo(code);
        assertThat(delivery.intent().path("last_payment_error").path("decline_code").asText()).isEqualTo(declineCode);
        assertThat(delivery.intent().path("metadata").path("order_id").asText()).isEqualTo(orderId(params));

        retrieve(id).statusCode(200)
                .body("status", equalTo("requires_payment_method"))
                .body("last_payment_error.decline_code", equalTo(declineCode));
    }

    @ParameterizedTest
    @CsvSource({"pm_card_mastercard", "pm_card_amex"})
    void otherTestCardsSucceedToo(String card) {
        create(charge(card)).statusCode(200).body("status", equalTo("succeeded")).body("payment_method", equalTo(card));
    }

    @Test
    void anUnconfirmedIntentWaitsWithoutWebhookUntilConfirmed() {
        String id = create("amount", "1500", "currency", "EUR", "payment_method", "pm_card_visa", "description", "Two books")
                .statusCode(200)
                .body("status", equalTo("requires_confirmation"))
                .body("currency", equalTo("eur"))
                .body("description", equalTo("Two books"))
                .body("amount_received", equalTo(0))
                .extract().path("id");
        Receiver.settle();
        assertThat(Receiver.forIntent(id)).isEmpty();
        retrieve(id).statusCode(200).body("status", equalTo("requires_confirmation"));

        confirm(id).statusCode(200).body("id", equalTo(id)).body("status", equalTo("succeeded"));
        Delivery delivery = Receiver.await(id, 1).get(0);
        assertThat(delivery.type()).isEqualTo("payment_intent.succeeded");
        assertThat(delivery.signatureVerifies(Receiver.secret())).isTrue();
        retrieve(id).statusCode(200).body("status", equalTo("succeeded")).body("amount_received", equalTo(1500));

        confirm(id).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("payment_intent_unexpected_state"));
        Receiver.settle();
        assertThat(Receiver.forIntent(id)).hasSize(1);
    }

    @Test
    void aCanceledIntentNeverChargesAndSendsNoWebhook() {
        String id = create("amount", "1500", "currency", "usd", "payment_method", "pm_card_visa", "metadata[order_id]", "o-1")
                .statusCode(200).body("status", equalTo("requires_confirmation")).body("canceled_at", nullValue()).extract().path("id");
        long before = Instant.now().getEpochSecond();

        cancel(id, "cancellation_reason", "abandoned").statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("canceled"))
                .body("cancellation_reason", equalTo("abandoned"))
                .body("amount_received", equalTo(0));

        Receiver.settle();
        assertThat(Receiver.forIntent(id)).as("payment_intent.canceled is not among the endpoint's events").isEmpty();
        assertThat(retrieve(id).statusCode(200).body("status", equalTo("canceled")).extract().<Integer>path("canceled_at").longValue())
                .isBetween(before, Instant.now().getEpochSecond());
        confirm(id).statusCode(400).body("error.code", equalTo("payment_intent_unexpected_state"));
        cancel(id).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("payment_intent_unexpected_state"));
        retrieve(id).statusCode(200).body("status", equalTo("canceled")).body("amount_received", equalTo(0));
    }

    @Test
    void aSucceededIntentCannotBeCanceledAndAnUnknownOneIs404() {
        String id = create(charge("pm_card_visa")).statusCode(200).extract().path("id");

        cancel(id).statusCode(400)
                .body("error.code", equalTo("payment_intent_unexpected_state"))
                .body("error.message", startsWith("You cannot cancel this PaymentIntent because it has a status of succeeded."));
        retrieve(id).statusCode(200).body("status", equalTo("succeeded"));
        cancel(id, "cancellation_reason", "bored").statusCode(400).body("error.param", equalTo("cancellation_reason"));
        cancel("pi_doesnotexist").statusCode(404).body("error.code", equalTo("resource_missing"));
    }

    @Test
    void aDeclinedIntentCanBeConfirmedAgainWithAnotherCard() {
        String id = create(charge("pm_card_chargeDeclinedInsufficientFunds")).statusCode(402).extract().path("error.payment_intent.id");
        retrieve(id).statusCode(200).body("payment_method", nullValue());

        confirm(id, "payment_method", "pm_card_visa").statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("last_payment_error", nullValue());

        List<String> types = Receiver.await(id, 2).stream().map(Delivery::type).toList();
        assertThat(types).containsExactly("payment_intent.payment_failed", "payment_intent.succeeded");
    }

    @Test
    void anIntentWithoutPaymentMethodNeedsOneToBeConfirmed() {
        String id = create("amount", "700", "currency", "usd").statusCode(200)
                .body("status", equalTo("requires_payment_method"))
                .body("payment_method", nullValue())
                .extract().path("id");
        confirm(id).statusCode(400).body("error.param", equalTo("payment_method"));
        confirm(id, "payment_method", "pm_unknown").statusCode(400)
                .body("error.code", equalTo("resource_missing"))
                .body("error.param", equalTo("payment_method"));
        retrieve(id).statusCode(200).body("status", equalTo("requires_payment_method"));
    }

    @Test
    void getAnswersTheCurrentStatusOrA404() {
        String id = create(charge("pm_card_visa")).statusCode(200).extract().path("id");
        retrieve(id).statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("succeeded"));

        retrieve("pi_doesnotexist").statusCode(404)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("resource_missing"))
                .body("error.message", equalTo("No such payment_intent: 'pi_doesnotexist'"));
        confirm("pi_doesnotexist").statusCode(404).body("error.code", equalTo("resource_missing"));
    }

    @Test
    void unknownPathsAndMethodsAnswerInStripesFormat() {
        api().when().get("/v1/charges").then().statusCode(404)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("Unrecognized request URL (GET: /v1/charges)."));
        api().when().delete("/v1/payment_intents").then().statusCode(405)
                .body("error.message", equalTo("Unrecognized request URL (DELETE: /v1/payment_intents)."));
    }
}
