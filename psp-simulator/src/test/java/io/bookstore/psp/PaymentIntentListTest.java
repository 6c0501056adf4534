package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.list;
import static io.bookstore.psp.PspApi.orderId;
import static io.bookstore.psp.PspApi.storedIntents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Stripe's list endpoint, as a checker reads the provider's side: every intent once, newest
 * first, page by page with either cursor, and bad parameters refused in Stripe's format.
 */
@QuarkusTest
class PaymentIntentListTest {

    @Test
    void pagesWalkEveryIntentOnceNewestFirstAndBackAgain() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(0, create(charge("pm_card_visa")).statusCode(200).extract().<String>path("id"));
        }

        List<String> forwards = new ArrayList<>();
        JsonPath page = list("limit", "3").statusCode(200).extract().jsonPath();
        forwards.addAll(page.getList("data.id"));
        assertThat(page.getList("data")).hasSize(3);
        assertThat(page.getBoolean("has_more")).isTrue();
        while (page.getBoolean("has_more")) {
            page = list("limit", "3", "starting_after", forwards.get(forwards.size() - 1)).statusCode(200).extract().jsonPath();
            forwards.addAll(page.getList("data.id"));
        }
        assertThat(forwards).doesNotHaveDuplicates().hasSize((int) storedIntents());
        assertThat(forwards.subList(0, 7)).isEqualTo(created);

        List<String> backwards = new ArrayList<>();
        String oldest = forwards.get(forwards.size() - 1);
        backwards.add(oldest);
        boolean more = true;
        while (more) {
            page = list("limit", "3", "ending_before", backwards.get(0)).statusCode(200).extract().jsonPath();
            backwards.addAll(0, page.getList("data.id"));
            more = page.getBoolean("has_more");
        }
        assertThat(backwards).isEqualTo(forwards);
    }

    @Test
    void endingBeforeGivesTheNearestNewerIntentsStillNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(charge("pm_card_visa")).statusCode(200).extract().<String>path("id"));
        }

        list("limit", "2", "ending_before", ids.get(0)).statusCode(200)
                .body("data.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("has_more", equalTo(true));
        list("limit", "2", "ending_before", ids.get(2)).statusCode(200)
                .body("data.id", equalTo(List.of(ids.get(4), ids.get(3))))
                .body("has_more", equalTo(false));
    }

    @Test
    void eachIntentShowsWhatACheckerNeeds() {
        String[] paid = charge("pm_card_visa");
        String[] declined = charge("pm_card_chargeDeclined");
        String paidId = create(paid).statusCode(200).extract().path("id");
        String declinedId = create(declined).statusCode(402).extract().path("error.payment_intent.id");
        long now = Instant.now().getEpochSecond();

        list("limit", "2").statusCode(200)
                .body("object", equalTo("list"))
                .body("url", equalTo("/v1/payment_intents"))
                .body("data", hasSize(2))
                .body("data[0].id", equalTo(declinedId))
                .body("data[0].object", equalTo("payment_intent"))
                .body("data[0].status", equalTo("requires_payment_method"))
                .body("data[0].metadata.order_id", equalTo(orderId(declined)))
                .body("data[1].id", equalTo(paidId))
                .body("data[1].status", equalTo("succeeded"))
                .body("data[1].amount", equalTo(4999))
                .body("data[1].amount_received", equalTo(4999))
                .body("data[1].currency", equalTo("usd"))
                .body("data[1].metadata.order_id", equalTo(orderId(paid)));
        long created = list("limit", "1").extract().jsonPath().getLong("data[0].created");
        assertThat(created).isBetween(now - 60, now);
    }

    @Test
    void theListShowsAnIntentAsItIsNow() {
        String id = create("amount", "100", "currency", "usd", "payment_method", "pm_card_visa").statusCode(200).extract().path("id");
        list("limit", "1").body("data[0].status", equalTo("requires_confirmation"));

        PspApi.confirm(id).statusCode(200);

        list("limit", "1").body("data[0].id", equalTo(id)).body("data[0].status", equalTo("succeeded"));
    }

    @Test
    void createdBoundsTheList() {
        String earlier = create(charge("pm_card_visa")).statusCode(200).extract().path("id");
        long earlierCreated = list("limit", "1").extract().jsonPath().getLong("data[0].created");
        // created is in whole seconds: the next intent must fall in a later one.
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().getEpochSecond() > earlierCreated);
        String later = create(charge("pm_card_visa")).statusCode(200).extract().path("id");
        long laterCreated = list("limit", "1").extract().jsonPath().getLong("data[0].created");

        list("created[gt]", Long.toString(earlierCreated)).statusCode(200)
                .body("data.id", equalTo(List.of(later)))
                .body("has_more", equalTo(false));
        list("created", Long.toString(laterCreated)).statusCode(200).body("data.id", equalTo(List.of(later)));
        list("limit", "1", "created[lt]", Long.toString(laterCreated)).statusCode(200).body("data.id", equalTo(List.of(earlier)));
        list("limit", "1", "created[lte]", Long.toString(earlierCreated)).statusCode(200).body("data.id", equalTo(List.of(earlier)));
        list("created[gte]", Long.toString(laterCreated + 1)).statusCode(200)
                .body("data", hasSize(0))
                .body("has_more", equalTo(false));
    }

    @Test
    void withoutALimitAPageHoldsTen() {
        for (int i = 0; i < 11; i++) {
            create("amount", "100", "currency", "usd").statusCode(200);
        }
        list().statusCode(200).body("data", hasSize(10)).body("has_more", equalTo(true));
        list("limit", "100").statusCode(200).body("data.size()", lessThanOrEqualTo(100));
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                arguments("limit", "parameter_invalid_integer", new String[]{"limit", "0"}),
                arguments("limit", "parameter_invalid_integer", new String[]{"limit", "101"}),
                arguments("limit", "parameter_invalid_integer", new String[]{"limit", "ten"}),
                arguments("limit", "parameter_invalid_integer", new String[]{"limit", "-1"}),
                arguments("limit", "parameter_invalid_empty", new String[]{"limit", ""}),
                arguments("limit", null, new String[]{"limit", "5", "limit", "6"}),
                arguments("starting_after", "resource_missing", new String[]{"starting_after", "pi_unknown"}),
                arguments("ending_before", "resource_missing", new String[]{"ending_before", "pi_unknown"}),
                arguments("ending_before", null, new String[]{"starting_after", "pi_a", "ending_before", "pi_b"}),
                arguments("created[gte]", "parameter_invalid_integer", new String[]{"created[gte]", "yesterday"}),
                arguments("customer", "parameter_unknown", new String[]{"customer", "cus_123"}));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void aBadQueryIsA400NamingTheParameter(String param, String code, String[] query) {
        list(query).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.code", equalTo(code));
    }

    @Test
    void aLimitOutOfRangeSaysTheRange() {
        list("limit", "101").statusCode(400).body("error.message", equalTo("This value must be less than or equal to 100."));
        list("limit", "0").statusCode(400).body("error.message", equalTo("This value must be greater than or equal to 1."));
    }

    @Test
    void theListNeedsTheSecretKey() {
        given().when().get("/v1/payment_intents").then().statusCode(401).body("error.type", equalTo("invalid_request_error"));
    }
}
