package io.bookstore.devstack;

/** A command line the devstack cannot act on; the message says what is wrong. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
