package io.bookstore.testkit;

/**
 * A process was asked to start while this JVM shuts down. Its shutdown hooks, which stop every
 * child it started, are already running, so a child started now would outlive it: it is
 * killed at once and this is thrown instead. A supervisor that restarts a service which died
 * in that moment (the hooks stopped it) takes it as "the stack is stopping".
 */
public final class ShutdownInProgressException extends IllegalStateException {

    ShutdownInProgressException(String command, IllegalStateException cause) {
        super("not starting " + command + ": this JVM is shutting down", cause);
    }
}
