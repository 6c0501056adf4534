package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.bookstore.psp.PspApi.FORM;
import static io.bookstore.psp.PspApi.api;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.createWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad parameter is a 400 naming it, in Stripe's format, and leaves nothing behind. */
@QuarkusTest
class ValidationTest {

    static Stream<Arguments> badParameters() {
        return Stream.of(
                arguments("amount", "parameter_missing", new String[]{"currency", "usd"}),
                arguments("amount", "parameter_invalid_empty", new String[]{"amount", "", "currency", "usd"}),
                arguments("amount", "parameter_invalid_integer", new String[]{"amount", "abc", "currency", "usd"}),
                arguments("amount", "parameter_invalid_integer", new String[]{"amount", "49.99", "currency", "usd"}),
                arguments("amount", "parameter_invalid_integer", new String[]{"amount", "0", "currency", "usd"}),
                arguments("amount", "parameter_invalid_integer", new String[]{"amount", "-5", "currency", "usd"}),
                arguments("amount", "amount_too_large", new String[]{"amount", "100000000", "currency", "usd"}),
                arguments("amount", "parameter_invalid_integer", new String[]{"amount", "99999999999999999999999", "currency", "usd"}),
                arguments("currency", "parameter_missing", new String[]{"amount", "100"}),
                arguments("currency", null, new String[]{"amount", "100", "currency", "us"}),
                arguments("currency", null, new String[]{"amount", "100", "currency", "usdd"}),
                arguments("currency", null, new String[]{"amount", "100", "currency", "u$d"}),
                arguments("payment_method", "resource_missing", new String[]{"amount", "100", "currency", "usd", "payment_method", "pm_card_nope"}),
                arguments("payment_method", "resource_missing", new String[]{"amount", "100", "currency", "usd", "payment_method", "card_123"}),
                arguments("payment_method", "parameter_missing", new String[]{"amount", "100", "currency", "usd", "confirm", "true"}),
                arguments("confirm", null, new String[]{"amount", "100", "currency", "usd", "confirm", "yes"}),
                arguments("amount_to_capture", "parameter_unknown", new String[]{"amount", "100", "currency", "usd", "amount_to_capture", "100"}),
                arguments("payment_method_types[0]", null, new String[]{"amount", "100", "currency", "usd", "payment_method_types[0]", "sepa_debit"}),
                arguments("automatic_payment_methods[allow_redirects]", null,
                        new String[]{"amount", "100", "currency", "usd", "automatic_payment_methods[allow_redirects]", "sometimes"}),
                arguments("amount", null, new String[]{"amount", "100", "amount", "200", "currency", "usd"}),
                arguments("metadata[" + "k".repeat(41) + "]", null, new String[]{"amount", "100", "currency", "usd", "metadata[" + "k".repeat(41) + "]", "v"}),
                arguments("metadata[note]", null, new String[]{"amount", "100", "currency", "usd", "metadata[note]", "v".repeat(501)}),
                arguments("metadata[]", null, new String[]{"amount", "100", "currency", "usd", "metadata[]", "v"}),
                arguments("metadata", null, new String[]{"amount", "100", "currency", "usd", "metadata", "order=1"}),
                arguments("metadata[psp_latency_ms]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_latency_ms]", "30001"}),
                arguments("metadata[psp_latency_ms]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_latency_ms]", "soon"}),
                arguments("metadata[psp_webhook_duplicates]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_webhook_duplicates]", "11"}),
                arguments("metadata[psp_webhook_delay_ms]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_webhook_delay_ms]", "300001"}),
                arguments("metadata[psp_error_rate]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_error_rate]", "1.5"}),
                arguments("metadata[psp_webhook_drop_rate]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_webhook_drop_rate]", "NaN"}),
                arguments("metadata[psp_webhook_out_of_order_rate]", null,
                        new String[]{"amount", "100", "currency", "usd", "metadata[psp_webhook_out_of_order_rate]", "-0.1"}),
                arguments("metadata[psp_fail_attempts]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_fail_attempts]", "1"}),
                arguments("metadata[psp_latency]", null, new String[]{"amount", "100", "currency", "usd", "metadata[psp_latency]", "100"}));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void aBadParameterIsA400NamingItAndCreatesNothing(String param, String code, String[] pairs) {
        long stored = PspApi.storedIntents();
        create(pairs)
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.code", equalTo(code))
                .body("error.message", not(emptyOrNullString()));
        assertThat(PspApi.storedIntents()).isEqualTo(stored);
    }

    @Test
    void fiftyMetadataKeysAreFineAndFiftyOneAreNot() {
        List<String> pairs = new ArrayList<>(List.of("amount", "100", "currency", "usd"));
        for (int i = 0; i < 50; i++) {
            pairs.add("metadata[key_" + i + "]");
            pairs.add("v".repeat(500));
        }
        create(pairs.toArray(String[]::new)).statusCode(200).body("metadata.size()", equalTo(50));

        pairs.add("metadata[key_50]");
        pairs.add("v");
        create(pairs.toArray(String[]::new)).statusCode(400)
                .body("error.param", equalTo("metadata"))
                .body("error.message", equalTo("Metadata can have up to 50 keys, but you passed in 51 keys."));
    }

    @Test
    void metadataKeepsUnicodeAndIgnoresEmptyValues() {
        create("amount", "100", "currency", "usd", "metadata[title]", "Преступление и наказание", "metadata[empty]", "")
                .statusCode(200)
                .body("metadata.title", equalTo("Преступление и наказание"))
                .body("metadata.size()", equalTo(1));
    }

    @Test
    void stripeStyleOptionalParametersAreAccepted() {
        create(charge("pm_card_visa", "automatic_payment_methods[enabled]", "true",
                "automatic_payment_methods[allow_redirects]", "never", "return_url", "https://shop.example/return"))
                .statusCode(200).body("status", equalTo("succeeded"));
        create(charge("pm_card_visa", "payment_method_types[]", "card")).statusCode(200)
                .body("payment_method_types", equalTo(List.of("card")));
    }

    @Test
    void aJsonBodyIsA400AskingForAForm() {
        api().contentType("application/json").body("{\"amount\":100,\"currency\":\"usd\"}")
                .when().post("/v1/payment_intents")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("application/x-www-form-urlencoded"));
    }

    @Test
    void aBrokenFormEncodingIsA400() {
        api().contentType(FORM).body("amount=100&currency=%zz")
                .when().post("/v1/payment_intents")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void aRejectedRequestLeavesNothingUnderItsIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        createWithKey(key, "amount", "-1", "currency", "usd").statusCode(400);
        // Had the rejection been saved, these different parameters would be an idempotency_error.
        String id = createWithKey(key, charge("pm_card_visa")).statusCode(200).extract().path("id");
        assertThat(id).startsWith("pi_");
    }

    @Test
    void anIdempotencyKeyMustBeOneShortNonBlankHeader() {
        createWithKey("k".repeat(256), charge("pm_card_visa")).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("Idempotency-Key"));
        createWithKey(" ", charge("pm_card_visa")).statusCode(400)
                .body("error.message", containsString("Idempotency-Key"));
        create(api().header("Idempotency-Key", "one").header("Idempotency-Key", "two"), charge("pm_card_visa")).statusCode(400)
                .body("error.message", containsString("Idempotency-Key"));
        createWithKey("k".repeat(255), charge("pm_card_visa")).statusCode(200);
    }

    @Test
    void confirmRefusesParametersItDoesNotTake() {
        String id = create("amount", "100", "currency", "usd", "payment_method", "pm_card_visa").statusCode(200).extract().path("id");
        PspApi.confirm(id, "amount", "200").statusCode(400)
                .body("error.param", equalTo("amount"))
                .body("error.code", equalTo("parameter_unknown"));
        PspApi.retrieve(id).statusCode(200).body("status", equalTo("requires_confirmation"));
    }
}
