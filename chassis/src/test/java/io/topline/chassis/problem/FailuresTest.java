package io.topline.chassis.problem;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Database faults, however wrapped, are told apart from defects. */
class FailuresTest {

    @Test
    void shouldCallEveryConnectionFailureUnavailable() {
        for (String state : new String[]{"08001", "08006", "08003", "57P01", "57P02", "57P03", "25P03", "53300"}) {
            SQLException sql = new SQLException("the database went away", state);
            assertEquals(Failures.Kind.DATABASE_UNAVAILABLE, Failures.classify(
                    new RuntimeException("commit failed", new PersistenceException(sql))), state);
        }
        assertEquals(Failures.Kind.DATABASE_UNAVAILABLE, Failures.classify(new CompletionException(
                new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException(new ConnectException())))));
        assertEquals(Failures.Kind.DATABASE_UNAVAILABLE, Failures.classify(
                new SQLException("Acquisition timeout while waiting for new connection")));
        // a failed commit: the transaction manager suppresses the driver's error under its RollbackException
        Exception commit = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new IllegalStateException("Error trying to transactionCommit local transaction",
                new SQLException("terminating connection due to administrator command", "57P01"));
        commit.addSuppressed(xa);
        assertEquals(Failures.Kind.DATABASE_UNAVAILABLE, Failures.classify(new RuntimeException(commit)));
    }

    @Test
    void shouldCallTimeoutsAndAbortedTransactionsBusy() {
        for (String state : new String[]{"57014", "55P03", "40001", "40P01"}) {
            assertEquals(Failures.Kind.DATABASE_BUSY, Failures.classify(
                    new IllegalStateException(new SQLException("canceling statement", state))), state);
        }
    }

    @Test
    void shouldCallAUniqueViolationARaceAndAnythingElseUnexpected() {
        assertEquals(Failures.Kind.UNIQUENESS_RACE, Failures.classify(new SQLException("duplicate key", "23505")));
        assertEquals(Failures.Kind.UNEXPECTED, Failures.classify(new SQLException("foreign key", "23503")));
        assertEquals(Failures.Kind.UNEXPECTED, Failures.classify(new SQLException("no state")));
        assertEquals(Failures.Kind.UNEXPECTED, Failures.classify(new NullPointerException()));
    }
}
