package io.bookstore.kit.kafka;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.DatabaseException;

import java.util.Optional;
import java.util.Set;

/**
 * The one rule by which {@link CloudEventConsumer} tells a database failure of a record's
 * work that may pass from one that never will, read from the failure's SQLSTATE (Vert.x
 * {@code PgException#getSqlState}; the codes are those of PostgreSQL's "Error Codes"
 * appendix).
 *
 * <p>Passing: the state of the server or of the connection, which a later try may find
 * changed. Classes {@code 08} (connection exception), {@code 40} (transaction rollback:
 * serialization failure, deadlock), {@code 53} (insufficient resources: disk full, too many
 * connections), {@code 57} (operator intervention: admin shutdown, cannot connect now,
 * statement timeout), {@code 58} (system error), and the codes {@code 55P03} (lock not
 * available: a lock timeout) and {@code 25006} (read-only transaction: a standby answering
 * during a failover). A failure that carries no SQLSTATE at all (connection closed, no
 * connection, the pool's wait timed out) is passing too.
 *
 * <p>Permanent: any other SQLSTATE. The statement itself is refused (data exception
 * {@code 22}, integrity violation {@code 23}, syntax or undefined object {@code 42}, a
 * trigger's {@code RAISE EXCEPTION} {@code P0001}, …), and the same event would be refused
 * the same way on every try.
 */
final class DatabaseFailures {

    private static final Set<String> PASSING_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> PASSING_CODES = Set.of("55P03", "25006");

    private DatabaseFailures() {
    }

    /** Why {@code failure} can never pass, or empty when it may on another try. */
    static Optional<String> permanentReason(Throwable failure) {
        return refusal(failure)
                .filter(refusal -> !isPassing(refusal.getSqlState()))
                .map(refusal -> "the database refused the event (SQLSTATE " + refusal.getSqlState() + "): " + message(refusal));
    }

    static boolean isPassing(String sqlState) {
        return PASSING_CLASSES.stream().anyMatch(sqlState::startsWith) || PASSING_CODES.contains(sqlState);
    }

    /** PostgreSQL's own message, without the severity and code that Vert.x adds around it. */
    private static String message(DatabaseException refusal) {
        return refusal instanceof PgException pg && pg.getErrorMessage() != null ? pg.getErrorMessage() : refusal.getMessage();
    }

    /** The failure, or the first failure that caused it, that carries an SQLSTATE. */
    private static Optional<DatabaseException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database && database.getSqlState() != null) {
                return Optional.of(database);
            }
        }
        return Optional.empty();
    }
}
