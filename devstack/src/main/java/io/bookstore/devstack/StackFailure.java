package io.bookstore.devstack;

/**
 * Something the stack needs is missing or broken: the message names the cause, {@link #fix()}
 * what to do about it. Everything started before it was thrown is stopped again.
 */
final class StackFailure extends RuntimeException {

    private final String fix;

    StackFailure(String cause, String fix) {
        super(cause);
        this.fix = fix;
    }

    StackFailure(String cause, String fix, Throwable underlying) {
        super(cause, underlying);
        this.fix = fix;
    }

    String fix() {
        return fix;
    }
}
