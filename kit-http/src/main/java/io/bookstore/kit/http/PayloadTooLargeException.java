package io.bookstore.kit.http;

/** The request body is larger than {@code bookstore.http.max-body-size}: a 413 problem. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("the request body must not exceed " + limitBytes + " bytes", null, false, false);
    }
}
