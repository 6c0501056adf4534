package io.bookstore.loadgen;

/** The system under test cannot be reached at all; the program exits with 1 before any load is sent. */
public final class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String what, String address, Throwable cause) {
        super("cannot reach " + what + " at " + address + " (" + describe(cause) + ").\n"
                + "Start the local stack first: ./bookstore up", cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        String kind = ErrorKinds.of(cause);
        if (kind.equals(ErrorKinds.CONNECTION_REFUSED) || kind.equals(ErrorKinds.CONNECT_TIMEOUT) || kind.equals(ErrorKinds.TIMEOUT)) {
            return kind;
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
