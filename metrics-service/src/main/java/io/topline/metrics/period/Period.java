package io.topline.metrics.period;

import java.time.Instant;

/** One calendar period of a cadence: its label ({@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4}) and bounds. */
public record Period(Cadence cadence, String label, Instant start, Instant end) {
}
