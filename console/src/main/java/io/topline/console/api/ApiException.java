package io.topline.console.api;

import java.util.List;

/** An API answered with a problem, or could not be reached; pages show its detail to the person signed in. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final List<String> violations;

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ApiException(int status, String title, String detail, List<String> violations) {
        super(status + " " + title + ": " + detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.violations = List.copyOf(violations);
    }

    /** The status the API answered, or 502/504 when it could not be reached or did not answer in time. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The fields the API named as wrong, each as {@code field: message}. */
    public List<String> violations() {
        return violations;
    }
}
