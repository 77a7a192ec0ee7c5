package io.topline.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem details body; {@code violations} lists the fields a request got wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {

    /** Media type of every error body the service returns. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of the {@code type} URIs, one per kind of problem. */
    public static final String TYPE_BASE = "https://topline.dev/problems/";

    /**
     * One field a request got wrong: its path in the request and what is wrong with it, and, for a body read as a
     * text file (YAML, say), the line and column where it is.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message, Integer line, Integer column) {

        public Violation(String field, String message) {
            this(field, message, null, null);
        }
    }
}
