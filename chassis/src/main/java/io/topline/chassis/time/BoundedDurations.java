package io.topline.chassis.time;

import io.topline.chassis.problem.ProblemException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads an ISO-8601 duration field of a request within bounds, refusing it with a problem naming the field. */
public final class BoundedDurations {

    private BoundedDurations() {
    }

    /**
     * The duration {@code text} names, from {@code min} to {@code max} inclusive; null when it names none.
     *
     * @throws ProblemException 400 when it is not an ISO-8601 duration, 422 when it is out of bounds
     */
    public static Duration parse(String field, String text, Duration min, Duration max) {
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 duration such as PT4H or P1D");
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw ProblemException.unprocessable(field, "must be between " + iso(min) + " and " + iso(max));
        }
        return duration;
    }

    /** ISO-8601 as people write it: whole days as {@code P7D} rather than {@code Duration}'s {@code PT168H}. */
    public static String iso(Duration duration) {
        long days = duration.toDays();
        return days > 0 && duration.equals(Duration.ofDays(days)) ? "P" + days + "D" : duration.toString();
    }
}
