package io.topline.alerts.silence;

/** How a matcher compares a label: equality, or a full-match Java regular expression, each either way round. */
public enum MatchOperator {
    EQUALS,
    NOT_EQUALS,
    MATCHES,
    NOT_MATCHES;

    boolean regex() {
        return this == MATCHES || this == NOT_MATCHES;
    }
}
