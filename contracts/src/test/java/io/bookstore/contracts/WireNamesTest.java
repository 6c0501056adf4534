package io.bookstore.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WireNamesTest {

    private enum Sample { PENDING_PAYMENT, PAID }

    @Test
    void aConstantTravelsAsItsNameInLowerCase() {
        assertThat(WireNames.of(Sample.PENDING_PAYMENT)).isEqualTo("pending_payment");
        assertThat(WireNames.find(Sample.values(), "pending_payment")).contains(Sample.PENDING_PAYMENT);
        assertThat(WireNames.find(Sample.values(), "PAID")).as("only the wire name").isEmpty();
        assertThat(WireNames.find(Sample.values(), "shipped")).isEmpty();
        assertThat(WireNames.find(Sample.values(), null)).isEmpty();
    }
}
