package io.bookstore.payments.domain;

import java.util.Optional;

/**
 * A final outcome as the PSP reported it (webhook, polling, or a refused creation).
 * {@code intentId} is empty when the PSP refused to create an intent at all; {@code tenant}
 * is the one the PSP echoed in the intent's metadata, when it did.
 */
public record Settlement(PaymentStatus status, Optional<String> intentId, Optional<String> declineCode, Optional<String> tenant) {

    public Settlement {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a settlement is final, not " + status.wire());
        }
    }
}
