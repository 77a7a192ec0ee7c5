package io.topline.console.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request body built from a form: a field left blank is left out, so the API applies its own default. */
final class Body {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    Body put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }
}
