package io.bookstore.recommendations;

import io.bookstore.contracts.EventTypes;
import io.bookstore.recommendations.domain.Purchase;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of the rows a purchase writes is what keeps concurrent consumers from deadlocking. */
class PurchaseTest {

    @Test
    void pairsAreEveryOrderedPairOfDifferentBooksInIsbnOrder() {
        Purchase purchase = purchase(Map.of("9798000000031", 1L, "9780134685991", 2L, "9780201633610", 1L));

        assertThat(purchase.pairs()).containsExactly(
                Map.entry("9780134685991", "9780201633610"),
                Map.entry("9780134685991", "9798000000031"),
                Map.entry("9780201633610", "9780134685991"),
                Map.entry("9780201633610", "9798000000031"),
                Map.entry("9798000000031", "9780134685991"),
                Map.entry("9798000000031", "9780201633610"));
        assertThat(purchase.copiesByIsbn().keySet()).containsExactly("9780134685991", "9780201633610", "9798000000031");
    }

    @Test
    void aLargeBasketPairsOnlyTheBooksBoughtInMostCopies() {
        Map<String, Long> copies = new TreeMap<>();
        for (int book = 0; book < 50; book++) {
            // Books 40 to 49 in 2 copies, the rest in 1: the ten with two copies make the pairs.
            copies.put(String.format("97800000%05d", book), book >= 40 ? 2L : 1L);
        }

        var pairs = purchase(copies).pairs();

        assertThat(pairs).hasSize(Purchase.MAX_CO_PURCHASED_BOOKS * (Purchase.MAX_CO_PURCHASED_BOOKS - 1));
        assertThat(pairs).allSatisfy(pair -> assertThat(copies.get(pair.getKey())).isEqualTo(2L))
                .allSatisfy(pair -> assertThat(copies.get(pair.getValue())).isEqualTo(2L));
        assertThat(pairs).isSortedAccordingTo(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    }

    @Test
    void aLargeBasketOfEqualCopiesPairsTheLowestIsbns() {
        Map<String, Long> copies = new TreeMap<>();
        for (int book = 0; book < 12; book++) {
            copies.put(String.format("97800000%05d", book), 1L);
        }

        assertThat(purchase(copies).pairs()).extracting(Map.Entry::getKey).doesNotContain("9780000000010", "9780000000011")
                .contains("9780000000000", "9780000000009");
    }

    @Test
    void aSingleBookMakesNoPair() {
        assertThat(purchase(Map.of("9780134685991", 3L)).pairs()).isEmpty();
    }

    @Test
    void aPurchaseWithoutBooksIsRefused() {
        assertThatThrownBy(() -> purchase(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Purchase purchase(Map<String, Long> copies) {
        return new Purchase(UUID.randomUUID(), EventTypes.ORDER_PAID, "acme", UUID.randomUUID(), new TreeMap<>(copies));
    }
}
