package io.bookstore.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutPlannerTest {

    private static final List<Book> BOOKS = List.of(
            new Book("978-0-13-468599-1", 4999, "USD"),
            new Book("978-0-262-51087-5", 5999, "USD"),
            new Book("978-1-4919-5035-7", 3999, "USD"));

    @Test
    void theDeclineShareDecidesHowManyCheckoutsUseADecliningCard() {
        CheckoutPlanner planner = new CheckoutPlanner(BOOKS, 3, 0.1, new Random(42));
        int declining = 0;
        for (int i = 0; i < 10_000; i++) {
            CheckoutPlanner.Plan plan = planner.next(i);
            assertThat(plan.expectDecline()).isEqualTo(CheckoutPlanner.DECLINED_CARDS.contains(plan.paymentMethod()));
            assertThat(plan.expectDecline() || CheckoutPlanner.SUCCEEDING_CARDS.contains(plan.paymentMethod())).isTrue();
            declining += plan.expectDecline() ? 1 : 0;
        }
        assertThat(declining).isBetween(850, 1_150);
    }

    @Test
    void noDeclineShareMeansOnlySucceedingCards() {
        CheckoutPlanner planner = new CheckoutPlanner(BOOKS, 1, 0, new Random(1));
        for (int i = 0; i < 1_000; i++) {
            assertThat(planner.next(i).paymentMethod()).isIn(CheckoutPlanner.SUCCEEDING_CARDS);
        }
    }

    @Test
    void tenantsTakeTurnsAndTheBodyIsTheStorefrontsShape() {
        CheckoutPlanner planner = new CheckoutPlanner(List.of(BOOKS.get(0)), 2, 0, new Random(1));

        assertThat(planner.next(0).tenant()).isEqualTo("load-1");
        assertThat(planner.next(1).tenant()).isEqualTo("load-2");
        assertThat(planner.next(2).tenant()).isEqualTo("load-1");
        assertThat(planner.next(3).body()).matches(
                "\\{\"items\":\\[\\{\"isbn\":\"978-0-13-468599-1\",\"qty\":1}],\"payment_method\":\"pm_card_(visa|mastercard)\"}");
    }
}
