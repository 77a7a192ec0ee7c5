package io.topline.alerts.receiver;

/** Text helpers for receiver limits. */
final class Texts {

    private Texts() {
    }

    /** The text cut to {@code max} characters, with an ellipsis when cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The text, or the fallback when it is blank (receivers refuse empty text fields). */
    static String orElse(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    /** The text on one line: a mail subject or a PagerDuty summary. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
