package io.bookstore.contracts;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidsTest {

    @Test
    void onlyTheCanonicalFormIsAnId() {
        UUID id = UUID.fromString("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11");
        assertThat(Uuids.parse("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11")).contains(id);
        assertThat(Uuids.parse("6F1C1E7A-3F0E-4C57-9A43-0D7E4B1A2C11")).as("upper case").contains(id);
        assertThat(Uuids.parse("1-2-3-4-5")).as("UUID.fromString would take it").isEmpty();
        assertThat(Uuids.parse("6f1c1e7a3f0e4c579a430d7e4b1a2c11")).as("no hyphens").isEmpty();
        assertThat(Uuids.parse(" 6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11")).isEmpty();
        assertThat(Uuids.parse(null)).isEmpty();
        assertThat(Uuids.isValid("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c1g")).isFalse();
    }
}
