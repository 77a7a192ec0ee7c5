package io.topline.alerts.silence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One condition of a silence on one of an alert's labels (driver, function, measure, kind, severity, period).
 *
 * <p>The value is bounded so that a regular expression stays small; {@link BoundedRegex} bounds its running time too.
 */
public record LabelMatcher(
        @NotBlank @Size(max = 20) String label,
        @NotNull MatchOperator operator,
        @NotNull @Size(max = LabelMatcher.MAX_VALUE_LENGTH) String value) {

    /** Longest value, and so longest regular expression, a matcher may hold. */
    public static final int MAX_VALUE_LENGTH = 200;
}
