package io.topline.alerts.evaluation;

import io.topline.alerts.period.Cadence;

import java.util.ArrayList;
import java.util.List;

/** The plain-words sentence of a backtest: "would have missed 7 of the last 13 weeks (met 5, at risk 1)". */
final class BacktestSummary {

    private BacktestSummary() {
    }

    static String of(Cadence cadence, int met, int amber, int missed, int noData) {
        int total = met + amber + missed + noData;
        if (total == 1) {
            return single(noun(cadence, 1), met, amber, missed);
        }
        String last = "the last " + total + " " + noun(cadence, total);
        if (met == total) {
            return "would have met all of " + last;
        }
        if (missed == total) {
            return "would have missed all of " + last;
        }
        if (noData == total) {
            return "has no data for any of " + last;
        }
        List<String> others = new ArrayList<>();
        add(others, "met", met);
        add(others, "at risk", amber);
        add(others, "no data", noData);
        return "would have missed " + (missed == 0 ? "none" : Integer.toString(missed)) + " of " + last + " ("
                + String.join(", ", others) + ")";
    }

    /** One period reads better as a sentence about it than as counts. */
    private static String single(String noun, int met, int amber, int missed) {
        if (met == 1) {
            return "would have met the last " + noun;
        }
        if (missed == 1) {
            return "would have missed the last " + noun;
        }
        return amber == 1 ? "would have been at risk in the last " + noun : "has no data for the last " + noun;
    }

    private static void add(List<String> parts, String word, int count) {
        if (count > 0) {
            parts.add(word + " " + count);
        }
    }

    /** The cadence's period as people name it: week, month, quarter. */
    static String noun(Cadence cadence, int count) {
        String singular = switch (cadence) {
            case WEEKLY -> "week";
            case MONTHLY -> "month";
            case QUARTERLY -> "quarter";
        };
        return count == 1 ? singular : singular + "s";
    }
}
