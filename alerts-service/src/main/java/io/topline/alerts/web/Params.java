package io.topline.alerts.web;

import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads query and path parameters strictly, answering a wrong value with a 400 that names the parameter. */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static UUID uuid(String value, String name) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(name, value);
        }
    }

    public static ProblemException invalid(String name, String message) {
        return new ProblemException(400, "validation", "Invalid request", "Parameter '" + name + "' " + message,
                List.of(new Problem.Violation(name, message)));
    }
}
