package io.topline.chassis.openapi;

import io.topline.chassis.problem.Problem;

/**
 * The {@code type} URIs of the problems the chassis answers with, as constants for {@code @APIResponse} descriptions.
 *
 * <p>A problem response names its types in its description; {@link OpenApiConventions} turns the names it finds into
 * the response's schema. A service's own types are written the same way: {@code Problem.TYPE_BASE + "its-slug"}.
 */
public final class ProblemTypes {

    /** Bean Validation refused a field or parameter; {@code violations} names each. */
    public static final String VALIDATION = Problem.TYPE_BASE + "validation";
    /** The body has a field the request does not define. */
    public static final String UNKNOWN_FIELD = Problem.TYPE_BASE + "unknown-field";
    /** A body field has the wrong type or format. */
    public static final String MALFORMED_FIELD = Problem.TYPE_BASE + "malformed-field";
    /** The body is not JSON. */
    public static final String MALFORMED_JSON = Problem.TYPE_BASE + "malformed-json";
    /** The named thing does not exist. */
    public static final String NOT_FOUND = Problem.TYPE_BASE + "not-found";
    /** A concurrent request changed the same data first. */
    public static final String CONFLICT = Problem.TYPE_BASE + "conflict";
    /** A change needs {@code If-Match} and has none. */
    public static final String PRECONDITION_REQUIRED = Problem.TYPE_BASE + "precondition-required";
    /** {@code If-Match} names a version that is no longer current. */
    public static final String PRECONDITION_FAILED = Problem.TYPE_BASE + "precondition-failed";
    /** The request is well formed but breaks a rule; {@code violations} names each. */
    public static final String UNPROCESSABLE = Problem.TYPE_BASE + "unprocessable";
    /** No valid bearer token. */
    public static final String UNAUTHORIZED = Problem.TYPE_BASE + "unauthorized";
    /** The token carries none of the roles the operation allows. */
    public static final String FORBIDDEN = Problem.TYPE_BASE + "forbidden";
    /** The service cannot produce a media type the request accepts. */
    public static final String NOT_ACCEPTABLE = Problem.TYPE_BASE + "not-acceptable";
    /** The body is not of the media type the operation consumes. */
    public static final String UNSUPPORTED_MEDIA_TYPE = Problem.TYPE_BASE + "unsupported-media-type";
    /** The service could not take the request now; retrying later may succeed. */
    public static final String UNAVAILABLE = Problem.TYPE_BASE + "unavailable";
    /** The service failed unexpectedly. */
    public static final String INTERNAL = Problem.TYPE_BASE + "internal";

    private ProblemTypes() {
    }
}
