package io.topline.alerts.evaluation;

import io.topline.alerts.period.Cadence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The backtest's sentence for each shape of outcome, in each cadence's words. */
class BacktestSummaryTest {

    @Test
    void shouldSayAllMetOrAllMissedInTheCadencesWords() {
        assertEquals("would have met all of the last 4 quarters", BacktestSummary.of(Cadence.QUARTERLY, 4, 0, 0, 0));
        assertEquals("would have missed all of the last 6 months", BacktestSummary.of(Cadence.MONTHLY, 0, 0, 6, 0));
        assertEquals("has no data for any of the last 2 weeks", BacktestSummary.of(Cadence.WEEKLY, 0, 0, 0, 2));
    }

    @Test
    void shouldCountTheMissesAndNameTheRest() {
        assertEquals("would have missed 7 of the last 13 weeks (met 5, at risk 1)",
                BacktestSummary.of(Cadence.WEEKLY, 5, 1, 7, 0));
        assertEquals("would have missed none of the last 12 months (met 10, at risk 1, no data 1)",
                BacktestSummary.of(Cadence.MONTHLY, 10, 1, 0, 1));
    }

    @Test
    void shouldSpeakOfASinglePeriodInTheSingular() {
        assertEquals("would have met the last quarter", BacktestSummary.of(Cadence.QUARTERLY, 1, 0, 0, 0));
        assertEquals("would have missed the last week", BacktestSummary.of(Cadence.WEEKLY, 0, 0, 1, 0));
        assertEquals("would have been at risk in the last month", BacktestSummary.of(Cadence.MONTHLY, 0, 1, 0, 0));
        assertEquals("has no data for the last week", BacktestSummary.of(Cadence.WEEKLY, 0, 0, 0, 1));
    }
}
