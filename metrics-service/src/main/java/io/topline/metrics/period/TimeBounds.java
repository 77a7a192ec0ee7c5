package io.topline.metrics.period;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code from} and {@code to} of a time range that a client gives either as an ISO-8601 instant with an
 * offset ({@code 2026-11-20T09:00:00+01:00}) or as a period label of the organisation calendar ({@code 2026-W48},
 * {@code 2026-11}, {@code 2026-Q4}); the two never look alike, so no parameter says which.
 */
@ApplicationScoped
public class TimeBounds {

    /** The end of time for a range without {@code to}: later than any stored instant. */
    public static final Instant UNBOUNDED_END = Instant.parse("9999-01-01T00:00:00Z");
    public static final String LABELS = "2026-W48, 2026-11, 2026-Q4";

    private final PeriodCalendar calendar;

    public TimeBounds(PeriodCalendar calendar) {
        this.calendar = calendar;
    }

    /** The instant {@code text} names, when it is an ISO-8601 instant with an offset. */
    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Where a range that starts at {@code text} starts: the instant, or the first instant of the period. */
    public Optional<Instant> start(String text) {
        return instant(text).or(() -> anyPeriod(text).map(Period::start));
    }

    /** Where a range that ends at {@code text} ends (exclusive): the instant, or the end of the period, included. */
    public Optional<Instant> end(String text) {
        return instant(text).or(() -> anyPeriod(text).map(Period::end));
    }

    /**
     * The period of {@code cadence} that {@code text} names: the one a given instant falls in, or the labelled one
     * (empty when the label is not of this cadence).
     */
    public Optional<Period> period(Cadence cadence, String text) {
        return instant(text).map(at -> calendar.periodOf(cadence, at)).or(() -> calendar.parse(cadence, text));
    }

    private Optional<Period> anyPeriod(String label) {
        return List.of(Cadence.values()).stream()
                .map(cadence -> calendar.parse(cadence, label))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
