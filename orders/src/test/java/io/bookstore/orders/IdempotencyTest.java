package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class IdempotencyTest {

    @TestHTTPResource("/orders")
    URI ordersUri;

    @Test
    void theSameRequestUnderTheSameKeyReturnsTheSameOrder() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = Api.create(tenant, key, Api.validOrder())
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, nullValue())
                .extract();
        String id = first.path("order_id");

        ExtractableResponse<Response> replay = Api.create(tenant, key, Api.validOrder())
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(id))
                .extract();

        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(Assertions.tree(replay.asString())).isEqualTo(Assertions.tree(first.asString()));
        assertThat(OrdersDb.ordersWithKey(tenant, key)).isEqualTo(1);
        assertThat(OrdersDb.outbox(UUID.fromString(id))).hasSize(1);
    }

    @Test
    void keyOrderSpacingAndIsbnHyphensDoNotMakeADifferentRequest() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        String id = Api.create(tenant, key, Api.validOrder()).statusCode(201).extract().path("order_id");

        String sameMeaning = """
                { "lines": [ {"unit_price_cents": 4999, "qty": 2, "isbn": "9780134685991"},
                             {"qty": 1, "isbn": "978-0-596-00920-5", "unit_price_cents": 3550} ],
                  "payment_method": "pm_card_visa", "currency": "USD" }""";
        Api.create(tenant, key, sameMeaning)
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(id));
    }

    @Test
    void aDifferentRequestUnderAUsedKeyIsRefusedAndWritesNothing() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        String id = Api.create(tenant, key, Api.validOrder()).statusCode(201).extract().path("order_id");
        OrdersDb.Counts before = OrdersDb.counts();

        Map<String, Object> moreBooks = Api.validOrder();
        Api.firstLine(moreBooks).put("qty", 3);
        Map<String, Object> otherCard = Api.validOrder();
        otherCard.put("payment_method", "pm_card_mastercard");
        Map<String, Object> lessLines = Api.validOrder();
        ((List<?>) lessLines.get("lines")).remove(1);
        for (Map<String, Object> different : List.of(moreBooks, otherCard, lessLines)) {
            Api.create(tenant, key, different)
                    .statusCode(422)
                    .contentType(HttpHeaders.PROBLEM_JSON)
                    .body("type", equalTo("urn:bookstore:problem:idempotency-key-reused"))
                    .body("status", equalTo(422));
        }

        assertThat(OrdersDb.counts()).isEqualTo(before);
        Api.get(tenant, id).statusCode(200).body("lines[0].qty", equalTo(2)).body("version", equalTo(1));
    }

    @Test
    void aKeyBelongsToOneTenant() {
        String key = UUID.randomUUID().toString();
        String first = Api.create(Api.newTenant(), key, Api.validOrder()).statusCode(201).extract().path("order_id");

        Api.create(Api.newTenant(), key, Api.validOrder())
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, nullValue())
                .body("order_id", not(equalTo(first)));
    }

    @Test
    void aReplayAfterPaymentReturnsTheOrderAsItIsNow() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        String id = Api.create(tenant, key, Api.validOrder()).statusCode(201).extract().path("order_id");
        String paymentId = Api.newPaymentId();
        Api.patch(id, Api.outcome("paid", paymentId)).statusCode(200);

        Api.create(tenant, key, Api.validOrder())
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(id))
                .body("status", equalTo("paid"))
                .body("payment_id", equalTo(paymentId));
        assertThat(OrdersDb.outbox(UUID.fromString(id))).hasSize(2);
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneOrder() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        int requests = 12;

        List<HttpResponse<String>> responses = Concurrently.send(requests,
                i -> Concurrently.json("POST", ordersUri, TestTokens.shared().shopper(tenant), Api.validOrder()).header(HttpHeaders.IDEMPOTENCY_KEY, key).build());

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(201));
        List<String> ids = responses.stream().map(response -> Assertions.tree(response.body()))
                .map(body -> body.path("order_id").asText()).distinct().toList();
        assertThat(ids).hasSize(1);
        long fresh = responses.stream().filter(response -> response.headers().firstValue(HttpHeaders.IDEMPOTENT_REPLAYED).isEmpty())
                .count();
        assertThat(fresh).as("responses that created the order").isEqualTo(1);
        assertThat(OrdersDb.ordersWithKey(tenant, key)).isEqualTo(1);
        assertThat(OrdersDb.outbox(UUID.fromString(ids.get(0)))).hasSize(1);
    }

    @Test
    void concurrentDifferentRequestsWithOneKeyMakeOneOrderAndRefuseTheRest() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();

        List<HttpResponse<String>> responses = Concurrently.send(8, i -> {
            Map<String, Object> body = Api.validOrder();
            Api.firstLine(body).put("qty", i + 1);
            return Concurrently.json("POST", ordersUri, TestTokens.shared().shopper(tenant), body).header(HttpHeaders.IDEMPOTENCY_KEY, key).build();
        });

        assertThat(responses).filteredOn(response -> response.statusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(response -> response.statusCode() == 422).hasSize(7);
        assertThat(OrdersDb.ordersWithKey(tenant, key)).isEqualTo(1);
        JsonNode created = responses.stream().filter(response -> response.statusCode() == 201)
                .map(response -> Assertions.tree(response.body())).findFirst().orElseThrow();
        assertThat(OrdersDb.outbox(UUID.fromString(created.path("order_id").asText()))).hasSize(1);
    }
}
