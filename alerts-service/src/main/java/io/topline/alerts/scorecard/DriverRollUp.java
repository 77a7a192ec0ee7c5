package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.cause.UpstreamDrivers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rolls a scorecard's rows up to their drivers and explains a red or amber driver by its upstream chain. */
final class DriverRollUp {

    private static final List<String> WORST_FIRST = List.of("MISSED", "AT_RISK", "MET", "NO_DATA");

    private DriverRollUp() {
    }

    /** One status per driver of {@code flow} (every active driver, in revenue-flow order). */
    static List<ScorecardResponse.DriverStatus> of(List<ScorecardResponse.Row> rows, List<String> flow,
                                                   Map<String, CatalogDriver> drivers) {
        Map<String, String> status = new HashMap<>();
        for (ScorecardResponse.Row row : rows) {
            status.merge(row.driver().key(), latestStatus(row), DriverRollUp::worse);
        }
        List<ScorecardResponse.DriverStatus> result = new ArrayList<>(flow.size());
        for (int position = 0; position < flow.size(); position++) {
            CatalogDriver driver = drivers.get(flow.get(position));
            String own = status.getOrDefault(driver.key(), "NO_DATA");
            result.add(new ScorecardResponse.DriverStatus(driver.key(), driver.name(), driver.function(), position,
                    own, red(own) ? chain(driver.key(), drivers, status) : List.of()));
        }
        return result;
    }

    /** The status of the row's latest period that has an evaluation (the open period's pace counts). */
    private static String latestStatus(ScorecardResponse.Row row) {
        for (int i = row.periods().size() - 1; i >= 0; i--) {
            String cell = row.periods().get(i).status();
            if (cell != null) {
                return cell;
            }
        }
        return "NO_DATA";
    }

    private static String worse(String a, String b) {
        return WORST_FIRST.indexOf(a) <= WORST_FIRST.indexOf(b) ? a : b;
    }

    private static boolean red(String status) {
        return "MISSED".equals(status) || "AT_RISK".equals(status);
    }

    private static List<ScorecardResponse.Upstream> chain(String driverKey, Map<String, CatalogDriver> drivers,
                                                          Map<String, String> status) {
        List<ScorecardResponse.Upstream> chain = new ArrayList<>();
        UpstreamDrivers.of(driverKey, drivers.values()).forEach((upstream, hops) -> {
            String theirs = status.getOrDefault(upstream, "NO_DATA");
            if (red(theirs) && drivers.containsKey(upstream)) {
                chain.add(new ScorecardResponse.Upstream(upstream, drivers.get(upstream).name(), theirs, hops));
            }
        });
        chain.sort(Comparator.comparingInt(ScorecardResponse.Upstream::hops)
                .thenComparing(ScorecardResponse.Upstream::key));
        return chain;
    }
}
