package io.bookstore.payments.events;

/**
 * A record this consumer can never process (no usable {@code ce_id}, a malformed tenant, a
 * payload that is not the contract's): it goes to the dead-letter topic with this message as
 * {@code dead-letter-reason}, and the partition moves on. Never retried.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message, null, false, false);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
