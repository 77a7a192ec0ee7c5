package io.topline.console.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Builds a path with a query string, leaving out blank parameters (the APIs read a blank filter as none). */
public final class Query {

    private final String path;
    private final StringJoiner params = new StringJoiner("&");

    private Query(String path) {
        this.path = path;
    }

    public static Query path(String path) {
        return new Query(path);
    }

    /** Adds {@code name=value} unless the value is null or blank. */
    public Query param(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public String toString() {
        return params.length() == 0 ? path : path + "?" + params;
    }
}
