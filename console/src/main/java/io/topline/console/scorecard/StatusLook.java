package io.topline.console.scorecard;

/**
 * How a status is drawn: a colour class, an icon and a word, so that colour is never the only signal (WCAG 1.4.1).
 * {@code null} (no evaluation yet) and NO_DATA are both grey but say different things.
 */
public record StatusLook(String css, String icon, String label) {

    public static StatusLook of(String status) {
        if (status == null) {
            return new StatusLook("status-none", "\u2013", "Not evaluated");
        }
        return switch (status) {
            case "MET" -> new StatusLook("status-met", "\u2714", "Met");
            case "AT_RISK" -> new StatusLook("status-at-risk", "\u26A0", "At risk");
            case "MISSED" -> new StatusLook("status-missed", "\u2716", "Missed");
            case "NO_DATA" -> new StatusLook("status-no-data", "\u25CB", "No data");
            default -> new StatusLook("status-none", "?", status);
        };
    }
}
