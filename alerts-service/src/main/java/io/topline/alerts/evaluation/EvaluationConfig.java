package io.topline.alerts.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How periods are judged (in the chassis calendar): grace time, and when a pace projection becomes meaningful. */
@ConfigMapping(prefix = "topline.evaluation")
public interface EvaluationConfig {

    /** Time after a period's end during which late measurements still count before it is FINAL. */
    @WithDefault("1h")
    Duration graceTime();

    /** Share of a period (0 to 1) that must have elapsed before SUM and COUNT measures are projected by pace. */
    @WithDefault("0.2")
    double minimumElapsedShare();

    /** How often the scheduler closes periods whose grace time has passed ("off" disables it). */
    @WithDefault("1m")
    String closeInterval();

    /**
     * How long after a period closed its first evaluation still moves alerts. A period first judged later than this
     * (its actual, if any, also older) is being rebuilt from the topics: it is recorded but raises nothing, because
     * its alerts were raised, or not, when it closed. Keep it above the longest outage after which pages are wanted.
     */
    @WithDefault("7d")
    Duration rebuildHorizon();

    /**
     * How many measures the closing job judges in one transaction. Larger batches cost fewer commits and reads per
     * measure but hold their measures' locks longer (a consumer judging one of them waits for the batch).
     */
    @WithDefault("100")
    int closeBatchSize();

    /** How many periods back the closing job looks at most, per measure. */
    @WithDefault("120")
    int closeLookback();
}
