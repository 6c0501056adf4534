package io.bookstore.orders;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /orders/{id}} with {@code Prefer: wait=N}: the answer waits for the order's status
 * to change (the NOTIFY after the change's commit ends the wait), at most N seconds.
 */
@QuarkusTest
class WaitForStatusTest {

    @Test
    void aChangeEndsTheWait() throws InterruptedException {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        CompletableFuture<ExtractableResponse<Response>> waiting = CompletableFuture.supplyAsync(() ->
                Api.as(tenant).header("Prefer", "wait=8").get("/orders/" + id).then().extract());
        Thread.sleep(1_000);
        long changed = System.nanoTime();

        Api.patch(id, Api.outcome("paid", Api.newPaymentId())).statusCode(200);

        ExtractableResponse<Response> answer = waiting.join();
        long answered = System.nanoTime();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.<String>path("status")).as("answered after the change").isEqualTo("paid");
        assertThat(Duration.ofNanos(answered - changed)).as("answered at the change, not at the wait's end")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void withoutAChangeTheOrderIsAnsweredAsItIsWhenTheWaitEnds() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        long asked = System.nanoTime();

        Api.as(tenant).header("Prefer", "wait=2").get("/orders/" + id).then()
                .statusCode(200)
                .body("status", equalTo("pending_payment"));

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFinalOrderIsAnsweredAtOnce() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        Api.patch(id, Api.outcome("payment_failed", Api.newPaymentId())).statusCode(200);
        long asked = System.nanoTime();

        Api.as(tenant).header("Prefer", "wait=8").get("/orders/" + id).then()
                .statusCode(200)
                .body("status", equalTo("payment_failed"));

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anotherTenantsOrderIsNotFoundWithoutWaiting() {
        UUID id = Api.createdOrder(Api.newTenant());
        long asked = System.nanoTime();

        Api.as(Api.newTenant()).header("Prefer", "wait=8").get("/orders/" + id).then().statusCode(404);

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(4));
    }
}
