package io.topline.chassis.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Sorts an unexpected failure into what the client should be told: the database is unavailable or overloaded (503,
 * retry), a concurrent write won a uniqueness race (409), or a defect of the service (500).
 *
 * <p>It reads SQLStates, however deep the transaction manager, Hibernate or a future wrapped the
 * {@link SQLException}; PostgreSQL's states are in its manual, appendix "PostgreSQL Error Codes".
 */
public final class Failures {

    /** Seconds a client is told to wait before retrying a request the database could not serve. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** What a failure means for the client. */
    public enum Kind {
        /** The database cannot be reached or is restarting: nothing was written, retry later (503). */
        DATABASE_UNAVAILABLE,
        /** A statement or lock wait ran out of time, or the database picked this transaction to abort (503). */
        DATABASE_BUSY,
        /** A unique constraint refused a write that a concurrent request made first (409). */
        UNIQUENESS_RACE,
        /** Anything else: a defect (500). */
        UNEXPECTED
    }

    /** admin_shutdown, crash_shutdown, cannot_connect_now, idle_in_transaction_session_timeout, too_many_connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "25P03", "53300");
    /** query_canceled (statement_timeout), lock_not_available (lock_timeout), serialization_failure, deadlock. */
    private static final Set<String> BUSY_STATES = Set.of("57014", "55P03", "40001", "40P01");
    private static final String UNIQUE_VIOLATION = "23505";

    private Failures() {
    }

    /**
     * The kind of {@code failure}, judged by the first cause in its chain that says anything about the database. The
     * suppressed exceptions count too: a failed commit is a RollbackException whose database error is suppressed.
     */
    public static Kind classify(Throwable failure) {
        return classify(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Kind classify(Throwable failure, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Kind kind = kindOf(cause);
            for (Throwable suppressed : cause.getSuppressed()) {
                if (kind != Kind.UNEXPECTED) {
                    break;
                }
                kind = classify(suppressed, seen);
            }
            if (kind != Kind.UNEXPECTED) {
                return kind;
            }
        }
        return Kind.UNEXPECTED;
    }

    /** Whether the client should be told to retry later: the database, not the request, is the problem. */
    public static boolean isTransient(Throwable failure) {
        Kind kind = classify(failure);
        return kind == Kind.DATABASE_UNAVAILABLE || kind == Kind.DATABASE_BUSY;
    }

    private static Kind kindOf(Throwable cause) {
        if (cause instanceof org.hibernate.exception.JDBCConnectionException) {
            return Kind.DATABASE_UNAVAILABLE;
        }
        String state = stateOf(cause);
        if (state != null) {
            return kindOfState(state);
        }
        if (cause instanceof SQLTransientConnectionException || isPoolAcquisitionTimeout(cause)) {
            return Kind.DATABASE_UNAVAILABLE;
        }
        return Kind.UNEXPECTED;
    }

    private static Kind kindOfState(String state) {
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
            return Kind.DATABASE_UNAVAILABLE;
        }
        if (BUSY_STATES.contains(state)) {
            return Kind.DATABASE_BUSY;
        }
        return UNIQUE_VIOLATION.equals(state) ? Kind.UNIQUENESS_RACE : Kind.UNEXPECTED;
    }

    private static String stateOf(Throwable cause) {
        if (cause instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
            return jdbc.getSQLState();
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState();
        }
        return null;
    }

    /** Agroal's pool gives up waiting for a connection with a plain SQLException that carries no state. */
    private static boolean isPoolAcquisitionTimeout(Throwable cause) {
        return cause instanceof SQLException && cause.getMessage() != null
                && cause.getMessage().toLowerCase().contains("acquisition timeout");
    }
}
