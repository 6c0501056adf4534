package io.bookstore.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WireRulesTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(nullValues = "null", textBlock = """
            978-0-13-468599-1,  true,  with hyphens
            9780134685991,      true,  digits only
            978-0-13-468599-2,  false, wrong check digit
            978-0-13-46859-91x, false, a letter
            -9780134685991,     false, a leading hyphen
            978--0134685991,    false, two hyphens in a row
            0134685997,         false, ISBN-10 is not accepted
            null,               false, none
            """)
    void isbnAcceptsValidCheckDigitsWithOrWithoutHyphens(String isbn, boolean valid, String why) {
        assertThat(Isbn.isValid(isbn)).as(why).isEqualTo(valid);
    }

    @Test
    void isbnDigitsDropTheHyphens() {
        assertThat(Isbn.digits("978-0-13-468599-1")).isEqualTo("9780134685991");
    }

    static Stream<Arguments> tenants() {
        return Stream.of(
                arguments("acme", true, "a word"),
                arguments("acme-books-2", true, "words, hyphens and digits"),
                arguments("a", false, "too short"),
                arguments("Acme", false, "upper case"),
                arguments("-acme", false, "a leading hyphen"),
                arguments("a".repeat(64), false, "too long"),
                arguments(null, false, "none"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("tenants")
    void tenantsAreLowerCaseSlugs(String tenant, boolean valid, String why) {
        assertThat(Tenants.isValid(tenant)).as(why).isEqualTo(valid);
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
