package io.topline.console.admin;

import io.topline.console.api.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person typed into an administration form, and the API's problem when it refused it: the form is shown again
 * with both, so nothing typed is lost and the refusal stands next to the fields in the API's own words.
 */
public record FormState(Map<String, List<String>> values, ApiException problem) {

    /** A form not yet filled in. */
    public static FormState empty() {
        return new FormState(Map.of(), null);
    }

    /** The values a form posted. */
    public static FormState of(MultivaluedMap<String, String> form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.forEach((name, list) -> values.put(name, List.copyOf(list)));
        return new FormState(values, null);
    }

    /** A form filled in with {@code values} (an edit form, from what the API answered). */
    public static FormState filled(Map<String, ?> values) {
        Map<String, List<String>> filled = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                filled.put(name, list.stream().map(String::valueOf).toList());
            } else if (value != null) {
                filled.put(name, List.of(String.valueOf(value)));
            }
        });
        return new FormState(filled, null);
    }

    /** The same values with the API's refusal. */
    public FormState refused(ApiException refusal) {
        return new FormState(values, refusal);
    }

    /** The field's value as typed; empty when absent. */
    public String value(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    /** The value of the numbered field {@code name}{@code number} (a policy's step rows: after1, after2, ...). */
    public String numbered(String name, int number) {
        return value(name + number);
    }

    /** The field's value trimmed, or null when blank: a blank optional field is left out of the request. */
    public String optional(String name) {
        String value = value(name).trim();
        return value.isEmpty() ? null : value;
    }

    /** Whether a select shows {@code option} or a checkbox group has it ticked. */
    public boolean has(String name, String option) {
        List<String> list = values.get(name);
        return list != null && list.contains(option);
    }

    /** Whether a checkbox is ticked. */
    public boolean checked(String name) {
        return has(name, "true");
    }

    /** The ticked options of a checkbox group, or null when none (the API reads absent as every one). */
    public List<String> options(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }

    /** A comma or space separated field as a list, or null when blank. */
    public List<String> list(String name) {
        List<String> items = new ArrayList<>(Arrays.stream(value(name).split("[,\\s]+"))
                .filter(item -> !item.isBlank()).toList());
        return items.isEmpty() ? null : items;
    }

    /** A long field (a revision), or null when it is not one. */
    public Long number(String name) {
        try {
            return Long.valueOf(value(name).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean refusedByApi() {
        return problem != null;
    }
}
