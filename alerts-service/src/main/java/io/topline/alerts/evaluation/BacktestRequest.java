package io.topline.alerts.evaluation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Proposed levels for a measure (failure at or below success when higher is better, at or above it when lower is
 * better), and how many of its last ended periods to judge with them: 1 to 104, 13 when omitted.
 */
public record BacktestRequest(
        @NotBlank @Size(max = 64) String measure,
        @NotNull @DecimalMin(value = "-1e15", message = "must be at least -10^15")
        @DecimalMax(value = "1e15", message = "must be at most 10^15") BigDecimal successLevel,
        @NotNull @DecimalMin(value = "-1e15", message = "must be at least -10^15")
        @DecimalMax(value = "1e15", message = "must be at most 10^15") BigDecimal failureLevel,
        @Min(1) @Max(BacktestRequest.MAX_PERIODS) Integer periods) {

    /** Periods judged when the request names none: a quarter's worth of weeks. */
    public static final int DEFAULT_PERIODS = 13;
    /** At most two years of weeks, so one request reads a bounded number of rows. */
    public static final int MAX_PERIODS = 104;

    /** The number of periods to judge, the default when omitted. */
    public int periodCount() {
        return periods == null ? DEFAULT_PERIODS : periods;
    }
}
