package io.topline.console.admin;

import jakarta.ws.rs.NotFoundException;

import java.util.regex.Pattern;

/** Driver and measure keys are slugs (docs/api.md): anything else is answered 404 before it reaches an API path. */
final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Slugs() {
    }

    static String check(String key) {
        if (key == null || !SLUG.matcher(key).matches()) {
            throw new NotFoundException();
        }
        return key;
    }
}
