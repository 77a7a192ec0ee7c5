package io.topline.metrics.measurement;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Parses ISO-8601 instants with an offset exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does, faster. */
final class OffsetInstants {

    private OffsetInstants() {
    }

    /**
     * The instant {@code text} names.
     *
     * <p>Why: the formatter's generic field resolution (hash maps of fields per parse) was the largest self time of a
     * batch request in the profile. The common shapes ({@code 2026-11-20T10:00:00Z}, with a fraction of 1 to 9
     * digits, or with {@code ±HH:MM}) are read directly; anything else, and anything invalid, goes to the formatter, so
     * what is accepted and how an error is reported do not change.
     *
     * @throws java.time.format.DateTimeParseException as the formatter would
     */
    static Instant parse(String text) {
        Instant fast = tryFast(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static Instant tryFast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int end = fractionEnd(s, at + 1);
            if (end < 0) {
                return null;
            }
            nanos = nanosOf(s, at + 1, end);
            at = end;
        }
        ZoneOffset offset = offsetAt(s, at);
        if (offset == null) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Where the fraction's 1 to 9 digits from {@code start} end; -1 for none or more than nine. */
    private static int fractionEnd(String s, int start) {
        int n = s.length();
        int at = start;
        while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
            at++;
        }
        if (at == start || (at < n && isDigit(s.charAt(at)))) {
            return -1;
        }
        return at;
    }

    /** The fraction digits in [{@code start}, {@code end}) as nanoseconds. */
    private static int nanosOf(String s, int start, int end) {
        int nanos = digits(s, start, end - start);
        for (int i = end - start; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** The offset that ends the text at {@code at} ({@code Z} or {@code ±HH:MM}); null for anything else. */
    private static ZoneOffset offsetAt(String s, int at) {
        int n = s.length();
        if (at == n - 1 && s.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (at != n - 6 || (s.charAt(at) != '+' && s.charAt(at) != '-') || s.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(s, at + 1, 2);
        int minutes = digits(s, at + 4, 2);
        if ((hours | minutes) < 0) {
            return null;
        }
        try {
            return s.charAt(at) == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes)
                    : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
