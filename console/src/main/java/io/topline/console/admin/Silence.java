package io.topline.console.admin;

import java.time.Instant;
import java.util.List;

/** A silence as alerts-service's {@code GET /silences} lists it. */
public record Silence(String id, String state, List<Matcher> matchers, Instant startsAt, Instant endsAt,
                      boolean untilResolved, String comment, String createdBy, Instant createdAt) {

    /** One label matcher. */
    public record Matcher(String label, String operator, String value) {

        /** {@code measure = closing-ratio}, {@code period =~ 2026-W4.}. */
        public String text() {
            return label + " " + switch (operator) {
                case "EQUALS" -> "=";
                case "NOT_EQUALS" -> "!=";
                case "MATCHES" -> "=~";
                case "NOT_MATCHES" -> "!~";
                default -> operator;
            } + " " + value;
        }
    }

    /** A page of silences. */
    public record Page(List<Silence> items, long totalItems) {
    }

    /** Until when it mutes: its end, "until resolved" or "recurring". */
    public String until() {
        return untilResolved ? "until resolved" : endsAt == null ? "recurring" : endsAt.toString();
    }

    /** Its matchers as one line. */
    public String matcherText() {
        return String.join(", ", matchers.stream().map(Matcher::text).toList());
    }
}
