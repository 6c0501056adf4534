package io.bookstore.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TenantTagTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "globex-eu", "a1"})
    void aValidTenantIsItsOwnTag(String tenant) {
        assertThat(BusinessMetrics.tenantTag(tenant)).isEqualTo(tenant);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ACME", "-acme", "acme_corp", "x", "' OR 1=1"})
    void anythingElseIsUnknown(String tenant) {
        assertThat(BusinessMetrics.tenantTag(tenant)).isEqualTo("unknown");
    }
}
