package io.bookstore.loadgen;

/** A bad command line: the message names the argument; the program exits with 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
