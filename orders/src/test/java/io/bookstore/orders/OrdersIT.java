package io.bookstore.orders;

import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged service (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on the fresh database of {@link OrdersTestResources}.
 */
@QuarkusIntegrationTest
class OrdersIT {

    @Test
    void isLiveAndReadyOnItsDatabase() {
        ServiceProbes.assertLive();
        ServiceProbes.assertReady("Reactive PostgreSQL");
    }

    @Test
    void createsAnOrderReadsItBackForItsTenantOnlyAndCountsIt() {
        String tenant = Api.newTenant();

        UUID id = Api.createdOrder(tenant);

        Api.get(tenant, id).statusCode(200)
                .body("order_id", equalTo(id.toString()))
                .body("status", equalTo("pending_payment"))
                .body("total_cents", equalTo(2 * 4999 + 3550))
                .body("currency", equalTo("USD"))
                .body("lines.isbn", contains(Api.EFFECTIVE_JAVA, Api.HEAD_FIRST));
        Api.get(Api.newTenant(), id).statusCode(404);

        assertThat(ServiceProbes.scrape()).containsPattern(
                "(?m)^bookstore_orders_total\\{(?=[^}]*status=\"pending_payment\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*} 1\\.0( #.*)?$");
    }
}
