package io.topline.alerts.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** The evaluation rules of docs/alerts.md as pure functions, so that they are easy to read and to test. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Judges {@code value} against the levels. At equal levels (a two-state target) the value counts as met, because
     * reaching the success level is success.
     */
    public static EvaluationStatus judge(BigDecimal value, boolean higherIsBetter, BigDecimal success, BigDecimal failure) {
        if (higherIsBetter) {
            if (value.compareTo(success) >= 0) {
                return EvaluationStatus.MET;
            }
            return value.compareTo(failure) <= 0 ? EvaluationStatus.MISSED : EvaluationStatus.AT_RISK;
        }
        if (value.compareTo(success) <= 0) {
            return EvaluationStatus.MET;
        }
        return value.compareTo(failure) >= 0 ? EvaluationStatus.MISSED : EvaluationStatus.AT_RISK;
    }

    /**
     * Judges an open period. Running totals (SUM, COUNT) are projected by pace to the whole period; before the
     * minimum share of the period has elapsed there is no projection, and only an outcome the rest of the period
     * cannot undo (a total already at success, or already at failure when lower is better) is reported as such;
     * anything else is AT_RISK, because it is too early to call it green or red. Other aggregations judge the
     * current value.
     */
    public static Judgement provisional(BigDecimal actual, boolean accumulates, boolean higherIsBetter,
                                        BigDecimal success, BigDecimal failure, Instant start, Instant end,
                                        Instant now, double minimumElapsedShare) {
        if (!accumulates) {
            return new Judgement(judge(actual, higherIsBetter, success, failure), actual);
        }
        double share = elapsedShare(start, end, now);
        if (share < minimumElapsedShare || share <= 0) {
            EvaluationStatus current = judge(actual, higherIsBetter, success, failure);
            boolean settled = higherIsBetter ? current == EvaluationStatus.MET : current == EvaluationStatus.MISSED;
            return new Judgement(settled ? current : EvaluationStatus.AT_RISK, null);
        }
        BigDecimal projection = actual.divide(BigDecimal.valueOf(share), MathContext.DECIMAL64)
                .setScale(4, RoundingMode.HALF_UP);
        return new Judgement(judge(projection, higherIsBetter, success, failure), plain(projection));
    }

    /** Drops trailing zeros without turning 100 into 1E+2, which JSON readers would print oddly. */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Share of the period [start, end) that has elapsed at {@code now}, between 0 and 1. */
    public static double elapsedShare(Instant start, Instant end, Instant now) {
        long total = Duration.between(start, end).toMillis();
        long elapsed = Duration.between(start, now).toMillis();
        if (total <= 0) {
            return 1;
        }
        return Math.max(0, Math.min(1, (double) elapsed / total));
    }
}
