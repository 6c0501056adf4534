package io.bookstore.orders.service;

import io.bookstore.contracts.events.OrderLine;
import io.bookstore.orders.domain.NewOrder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHashTest {

    private static final NewOrder ORDER = new NewOrder("acme", "USD", "pm_card_visa",
            List.of(new OrderLine("978-0-13-468599-1", 2, 4999), new OrderLine("9780596009205", 1, 3550)));

    @Test
    void isbnHyphenationIsNotPartOfTheRequest() {
        NewOrder unhyphenated = new NewOrder("acme", "USD", "pm_card_visa",
                List.of(new OrderLine("9780134685991", 2, 4999), new OrderLine("978-0-596-00920-5", 1, 3550)));
        assertThat(RequestHash.of(unhyphenated)).isEqualTo(RequestHash.of(ORDER));
    }

    @Test
    void everyFieldThatChangesTheOrderChangesTheHash() {
        List<NewOrder> variants = List.of(
                new NewOrder("acme-2", "USD", "pm_card_visa", ORDER.lines()),
                new NewOrder("acme", "EUR", "pm_card_visa", ORDER.lines()),
                new NewOrder("acme", "USD", "pm_card_amex", ORDER.lines()),
                new NewOrder("acme", "USD", "pm_card_visa", List.of(ORDER.lines().get(1), ORDER.lines().get(0))),
                new NewOrder("acme", "USD", "pm_card_visa", List.of(ORDER.lines().get(0))),
                new NewOrder("acme", "USD", "pm_card_visa",
                        List.of(new OrderLine("978-0-13-468599-1", 3, 4999), ORDER.lines().get(1))),
                new NewOrder("acme", "USD", "pm_card_visa",
                        List.of(new OrderLine("978-0-13-468599-1", 2, 4998), ORDER.lines().get(1))));
        assertThat(variants).extracting(RequestHash::of).doesNotContain(RequestHash.of(ORDER)).doesNotHaveDuplicates();
    }

    @Test
    void aChosenOrderIdIsPartOfTheRequest() {
        NewOrder chosen = withId(UUID.fromString("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11"));
        NewOrder otherId = withId(UUID.fromString("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c12"));
        assertThat(RequestHash.of(chosen)).isNotEqualTo(RequestHash.of(ORDER)).isNotEqualTo(RequestHash.of(otherId));
        assertThat(RequestHash.of(withId(UUID.fromString("6F1C1E7A-3F0E-4C57-9A43-0D7E4B1A2C11"))))
                .as("the same id in upper case").isEqualTo(RequestHash.of(chosen));
    }

    @Test
    void isASha256InHex() {
        assertThat(RequestHash.of(ORDER)).matches("[0-9a-f]{64}");
    }

    private static NewOrder withId(UUID id) {
        return new NewOrder(Optional.of(id), ORDER.tenant(), ORDER.currency(), ORDER.paymentMethod(), ORDER.lines());
    }
}
