package io.topline.chassis.problem;

import java.util.List;

/**
 * A domain rule the request broke, mapped once to a problem response.
 *
 * <p>Services throw the factory methods' results; resources never build error responses themselves.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations;
    }

    /** 404: the named entity does not exist. */
    public static ProblemException notFound(String what, String key) {
        return new ProblemException(404, "not-found", "Not found", what + " '" + key + "' does not exist", null);
    }

    /** 409: the change conflicts with the current state. */
    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, null);
    }

    /** 400: a parameter or field is malformed; {@code field} names it. */
    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", "Field '" + field + "' " + message,
                List.of(new Problem.Violation(field, message)));
    }

    /** 409 naming the field whose value collides with the current state. */
    public static ProblemException conflict(String slug, String field, String detail) {
        return new ProblemException(409, slug, "Conflict", detail, List.of(new Problem.Violation(field, detail)));
    }

    /** 422 listing every rule a request broke at once. */
    public static ProblemException unprocessable(String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, "unprocessable", "Unprocessable content", detail, violations);
    }

    /** 422: the request is well formed but breaks a rule; {@code field} names the culprit. */
    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "unprocessable", "Unprocessable content", detail,
                List.of(new Problem.Violation(field, detail)));
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
