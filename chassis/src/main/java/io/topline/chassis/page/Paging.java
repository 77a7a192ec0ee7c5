package io.topline.chassis.page;

import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns the page parameters of a request into a {@link PageRequest}, refusing bad values with a 400 problem. */
@ApplicationScoped
public class Paging {

    private final PagingConfig config;

    public Paging(PagingConfig config) {
        this.config = config;
    }

    public PageRequest request(PageParams params) {
        int size = parse("size", params.size(), config.defaultSize(), 1, config.maxSize());
        // the largest page whose offset still fits the queries' integer offsets, whatever the size
        int lastPage = Integer.MAX_VALUE / config.maxSize() - 1;
        int page = parse("page", params.page(), 0, 0, lastPage);
        return new PageRequest(page, size);
    }

    private static int parse(String name, String value, int fallback, int min, int max) {
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
