package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.HttpHeaders;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Names a failure so that equal failures count together: {@code HTTP 409
 * urn:bookstore:problem:insufficient-stock}, {@code timeout}, {@code connection refused},
 * or the exception's class.
 */
final class ErrorKinds {

    static final String TIMEOUT = "timeout";
    static final String CONNECT_TIMEOUT = "connect timeout";
    static final String CONNECTION_REFUSED = "connection refused";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorKinds() {
    }

    /** For a response that is not a success: the status, plus the problem {@code type} of an RFC 9457 body. */
    static String of(HttpResponse<String> response) {
        String kind = "HTTP " + response.statusCode();
        boolean problem = response.headers().firstValue("Content-Type")
                .map(type -> type.startsWith(HttpHeaders.PROBLEM_JSON)).orElse(false);
        if (problem) {
            try {
                JsonNode type = JSON.readTree(response.body()).path("type");
                if (type.isTextual() && !type.asText().isBlank()) {
                    kind += " " + type.asText();
                }
            } catch (Exception unreadable) {
                kind += " (unreadable problem body)";
            }
        }
        return kind;
    }

    static String of(Throwable failure) {
        Throwable cause = unwrap(failure);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return CONNECT_TIMEOUT;
            }
            if (t instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return CONNECTION_REFUSED;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return "SQLState " + sql.getSQLState() + " (" + cause.getClass().getSimpleName() + ")";
        }
        return cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
