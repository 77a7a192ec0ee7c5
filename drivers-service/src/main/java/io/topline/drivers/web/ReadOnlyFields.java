package io.topline.drivers.web;

import io.topline.chassis.problem.ProblemException;

import java.util.Objects;

/**
 * The fields of a representation that a PUT or PATCH may carry but not change: a client may send back what GET
 * returned, and a value that differs from the stored one is refused (422 naming the field), never silently dropped.
 */
public final class ReadOnlyFields {

    private ReadOnlyFields() {
    }

    /** Refuses {@code sent} when it is present and differs from {@code stored}. */
    public static void check(String field, Object sent, Object stored) {
        if (sent != null && !Objects.equals(sent, stored)) {
            throw ProblemException.unprocessable(field, "'" + field + "' is read-only: it is " + quoted(stored)
                    + " and cannot be changed to " + quoted(sent) + " here");
        }
    }

    private static String quoted(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
