package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** GET /orders: the caller's tenant's orders, newest first, a page at a time; never another tenant's. */
@QuarkusTest
class ListOrdersTest {

    @Test
    void listsTheTenantsOrdersNewestFirstEachAsGetAnswersIt() {
        String tenant = Api.newTenant();
        List<String> created = new ArrayList<>();
        for (int qty = 1; qty <= 3; qty++) {
            Map<String, Object> body = Api.validOrder();
            Api.firstLine(body).put("qty", qty);
            created.add(Api.create(tenant, body).statusCode(201).extract().path("order_id"));
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        JsonNode page = Assertions.tree(Api.list(tenant)
                .statusCode(200)
                .contentType("application/json")
                .body("order_id", equalTo(newestFirst))
                .body("[0].lines[0].qty", equalTo(3))
                .body("[2].lines[0].qty", equalTo(1))
                .body("[0].lines.size()", equalTo(2))
                .extract().asString());

        for (int i = 0; i < newestFirst.size(); i++) {
            String single = Api.get(tenant, newestFirst.get(i)).statusCode(200).extract().asString();
            assertThat(page.get(i)).as("order %d of the list", i).isEqualTo(Assertions.tree(single));
        }
    }

    @Test
    void anotherTenantsOrdersNeverAppear() {
        String tenant = Api.newTenant();
        String other = Api.newTenant();
        UUID mine = Api.createdOrder(tenant);
        UUID theirs = Api.createdOrder(other);

        Api.list(tenant).statusCode(200).body("order_id", contains(mine.toString())).body("tenant", contains(tenant));
        Api.list(other).statusCode(200).body("order_id", contains(theirs.toString()));
        Api.list(Api.newTenant()).statusCode(200).body("$", empty());
    }

    @Test
    void pagesFollowOneAnotherAndTheDefaultPageIsTwenty() {
        String tenant = Api.newTenant();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            newestFirst.add(0, Api.createdOrder(tenant).toString());
        }

        Api.list(tenant).statusCode(200).body("order_id", equalTo(newestFirst.subList(0, 20)));
        Api.list(tenant, "limit", 5, "offset", 0).statusCode(200).body("order_id", equalTo(newestFirst.subList(0, 5)));
        Api.list(tenant, "limit", 5, "offset", 5).statusCode(200).body("order_id", equalTo(newestFirst.subList(5, 10)));
        Api.list(tenant, "limit", 100, "offset", 20).statusCode(200).body("order_id", equalTo(newestFirst.subList(20, 21)));
        Api.list(tenant, "offset", 21).statusCode(200).body("$", empty());
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,101", "limit,abc", "offset,-1", "offset,1000001", "offset,1.5"})
    void pagingOutOfBoundsIsA400NamingTheParameter(String parameter, String value) {
        Api.list(Api.newTenant(), parameter, value)
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains(parameter));
    }
}
