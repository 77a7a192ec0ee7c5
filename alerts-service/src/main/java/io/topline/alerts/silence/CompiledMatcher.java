package io.topline.alerts.silence;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** A matcher ready to test alerts' labels: its regular expression compiled once. */
record CompiledMatcher(LabelMatcher matcher, Pattern pattern) {

    static CompiledMatcher of(LabelMatcher matcher) {
        return new CompiledMatcher(matcher, matcher.operator().regex() ? Pattern.compile(matcher.value()) : null);
    }

    /** Whether the labels satisfy the matcher; a missing label is the empty string, as in Alertmanager. */
    boolean matches(Map<String, String> labels, Duration regexLimit) {
        String actual = labels.getOrDefault(matcher.label(), "");
        return switch (matcher.operator()) {
            case EQUALS -> actual.equals(matcher.value());
            case NOT_EQUALS -> !actual.equals(matcher.value());
            case MATCHES -> BoundedRegex.fullMatch(pattern, actual, regexLimit);
            case NOT_MATCHES -> !BoundedRegex.fullMatch(pattern, actual, regexLimit);
        };
    }
}
