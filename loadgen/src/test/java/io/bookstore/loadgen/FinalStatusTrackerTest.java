package io.bookstore.loadgen;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FinalStatusTrackerTest {

    private record Resolution(FinalStatusTracker.Pending checkout, FinalStatusTracker.Outcome outcome, long receivedAt) {
    }

    private final List<Resolution> resolved = new ArrayList<>();
    private final FinalStatusTracker tracker = new FinalStatusTracker((checkout, outcome, at) -> resolved.add(new Resolution(checkout, outcome, at)));

    @Test
    void anEventResolvesTheCheckoutOfItsOrderOnce() {
        FinalStatusTracker.Pending checkout = new FinalStatusTracker.Pending(100, false, true);
        tracker.expect("order-1", checkout);

        tracker.onEvent("order-1", FinalStatusTracker.Outcome.PAID, 900);
        tracker.onEvent("order-1", FinalStatusTracker.Outcome.PAID, 950);

        assertThat(resolved).containsExactly(new Resolution(checkout, FinalStatusTracker.Outcome.PAID, 900));
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void anEventThatBeatsTheHttpAnswerIsKeptUntilTheOrderIsKnown() {
        tracker.onEvent("order-2", FinalStatusTracker.Outcome.PAYMENT_FAILED, 500);
        assertThat(resolved).isEmpty();

        FinalStatusTracker.Pending checkout = new FinalStatusTracker.Pending(100, true, true);
        tracker.expect("order-2", checkout);

        assertThat(resolved).containsExactly(new Resolution(checkout, FinalStatusTracker.Outcome.PAYMENT_FAILED, 500));
    }

    @Test
    void otherOrdersEventsResolveNothingAndTheUnresolvedAreHandedBack() {
        FinalStatusTracker.Pending waiting = new FinalStatusTracker.Pending(100, false, true);
        tracker.expect("order-3", waiting);
        tracker.onEvent("someone-elses-order", FinalStatusTracker.Outcome.PAID, 700);

        assertThat(resolved).isEmpty();
        assertThat(tracker.abandonOutstanding()).containsExactly(waiting);
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void onlyPaidAndPaymentFailedRecordsAreFinal() {
        assertThat(CheckoutScenario.finalEvent(record(EventTypes.ORDER_PAID, "o-1")))
                .contains(new CheckoutScenario.FinalEvent("o-1", FinalStatusTracker.Outcome.PAID));
        assertThat(CheckoutScenario.finalEvent(record(EventTypes.ORDER_PAYMENT_FAILED, "o-2")))
                .contains(new CheckoutScenario.FinalEvent("o-2", FinalStatusTracker.Outcome.PAYMENT_FAILED));
        assertThat(CheckoutScenario.finalEvent(record(EventTypes.ORDER_CREATED, "o-3"))).isEmpty();
        assertThat(CheckoutScenario.finalEvent(record(null, "o-4"))).isEmpty();
    }

    private static ConsumerRecord<byte[], byte[]> record(String type, String subject) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(CloudEventHeaders.SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("bookstore.orders.v1", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                subject.getBytes(StandardCharsets.UTF_8), new byte[0], headers, Optional.empty());
    }
}
