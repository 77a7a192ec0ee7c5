package io.topline.alerts.silence;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Full-matches a regular expression against a short label value within a time limit.
 *
 * <p>Why: java.util.regex backtracks, and an expression such as {@code (a+)+b} takes exponential time on some input;
 * reading the input through a sequence that checks a deadline on every character stops such a match instead of
 * letting a silence hold a thread.
 */
final class BoundedRegex {

    private BoundedRegex() {
    }

    /** Whether {@code pattern} matches all of {@code value}; throws {@link RegexTimeoutException} past the limit. */
    static boolean fullMatch(Pattern pattern, String value, Duration limit) {
        return pattern.matcher(new DeadlineSequence(value, System.nanoTime() + limit.toNanos())).matches();
    }

    /** A match that ran out of time. */
    static final class RegexTimeoutException extends RuntimeException {
        RegexTimeoutException() {
            super("the regular expression took too long to match", null, false, false);
        }
    }

    /** A string that refuses to be read after its deadline. */
    private record DeadlineSequence(String text, long deadline) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new RegexTimeoutException();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineSequence(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
