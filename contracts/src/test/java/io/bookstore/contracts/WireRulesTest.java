package io.bookstore.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireRulesTest {

    @Test
    void isbnAcceptsValidCheckDigitsWithOrWithoutHyphens() {
        assertThat(Isbn.isValid("978-0-13-468599-1")).isTrue();
        assertThat(Isbn.isValid("9780134685991")).isTrue();
        assertThat(Isbn.isValid("978-0-13-468599-2")).as("wrong check digit").isFalse();
        assertThat(Isbn.isValid("978-0-13-46859-91x")).isFalse();
        assertThat(Isbn.isValid("-9780134685991")).isFalse();
        assertThat(Isbn.isValid("978--0134685991")).isFalse();
        assertThat(Isbn.isValid("0134685997")).as("ISBN-10 is not accepted").isFalse();
        assertThat(Isbn.isValid(null)).isFalse();
        assertThat(Isbn.digits("978-0-13-468599-1")).isEqualTo("9780134685991");
    }

    @Test
    void tenantsAreLowerCaseSlugs() {
        assertThat(Tenants.isValid("acme")).isTrue();
        assertThat(Tenants.isValid("acme-books-2")).isTrue();
        assertThat(Tenants.isValid("a")).as("too short").isFalse();
        assertThat(Tenants.isValid("Acme")).isFalse();
        assertThat(Tenants.isValid("-acme")).isFalse();
        assertThat(Tenants.isValid("a".repeat(64))).as("too long").isFalse();
        assertThat(Tenants.isValid(null)).isFalse();
    }

    @Test
    void orderStatusTravelsLowerCase() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(OrderStatus.PENDING_PAYMENT)).isEqualTo("\"pending_payment\"");
        assertThat(json.readValue("\"payment_failed\"", OrderStatus.class)).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThat(OrderStatus.fromWire("PAID")).isEmpty();
        assertThatThrownBy(() -> json.readValue("\"shipped\"", OrderStatus.class)).hasMessageContaining("shipped");
        assertThat(OrderStatus.PAID.isFinal()).isTrue();
        assertThat(OrderStatus.PENDING_PAYMENT.isFinal()).isFalse();
    }
}
