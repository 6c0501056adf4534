package io.bookstore.kit.kafka;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLSTATEs of PostgreSQL's error code appendix that a later try may pass, and those it never will. */
class DatabaseFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "08000", "08006", "08P01",  // connection exception, connection failure, protocol violation
            "40001", "40P01",           // serialization failure, deadlock detected
            "53100", "53200", "53300",  // disk full, out of memory, too many connections
            "57014", "57P01", "57P03",  // statement timeout, admin shutdown, cannot connect now
            "58000", "58030",           // system error, I/O error
            "55P03",                    // lock not available (lock_timeout)
            "25006"})                   // read-only transaction (a standby after a failover)
    void aFailureOfTheServersStateIsPassing(String sqlState) {
        assertThat(DatabaseFailures.permanentReason(refusal(sqlState))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "22001", "22P02",           // string too long, invalid text representation
            "23502", "23505", "23514",  // not null, unique, check violation
            "42P01", "42703", "42601",  // undefined table, undefined column, syntax error
            "P0001",                    // RAISE EXCEPTION in a trigger or function
            "55000", "XX000"})          // object not in prerequisite state, internal error
    void aStatementTheDatabaseRefusesIsPermanent(String sqlState) {
        assertThat(DatabaseFailures.permanentReason(refusal(sqlState)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("the database refused the event (SQLSTATE " + sqlState + "): "));
    }

    @Test
    void aFailureWithoutSqlStateIsPassing() {
        assertThat(DatabaseFailures.permanentReason(ClosedConnectionException.INSTANCE)).isEmpty();
        assertThat(DatabaseFailures.permanentReason(new IllegalStateException("Timeout while waiting for a connection"))).isEmpty();
    }

    @Test
    void theSqlStateOfAWrappedFailureCounts() {
        assertThat(DatabaseFailures.permanentReason(new CompletionException(refusal("23505")))).isPresent();
        assertThat(DatabaseFailures.permanentReason(new CompletionException(refusal("40P01")))).isEmpty();
    }

    private static PgException refusal(String sqlState) {
        return new PgException("refused", "ERROR", sqlState, null);
    }
}
