package io.bookstore.storefront.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIdsTest {

    @Test
    void aRetriedCheckoutGetsTheSameOrderId() {
        assertThat(OrderIds.forKey("acme", "key-1")).isEqualTo(OrderIds.forKey("acme", "key-1"));
    }

    @Test
    void anotherTenantOrKeyGetsAnotherOrderId() {
        assertThat(OrderIds.forKey("acme", "key-1"))
                .isNotEqualTo(OrderIds.forKey("acme", "key-2"))
                .isNotEqualTo(OrderIds.forKey("acme-2", "key-1"))
                // Without a separator these two would name the same bytes.
                .isNotEqualTo(OrderIds.forKey("acm", "ekey-1"));
    }
}
