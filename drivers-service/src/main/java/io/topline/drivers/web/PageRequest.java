package io.topline.drivers.web;

import io.topline.drivers.DefinitionsConfig;
import io.topline.chassis.problem.ProblemException;

/** A zero-based page number and a page size, parsed here so that bad values are a 400 naming the parameter. */
public record PageRequest(int page, int size) {

    /** Parses the {@code page} and {@code size} query parameters; absent ones take the defaults. */
    public static PageRequest parse(String page, String size, DefinitionsConfig config) {
        int number = parseInt("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = parseInt("size", size, config.defaultPageSize(), 1, config.maxPageSize());
        return new PageRequest(number, pageSize);
    }

    private static int parseInt(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ProblemException.badRequest(name, "must be an integer from " + min + " to " + max);
    }
}
