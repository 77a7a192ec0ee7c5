package io.topline.alerts.cause;

import io.topline.alerts.catalog.CatalogDriver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The drivers that feed a driver through the revenue flow, directly or through others, with their distance. */
public final class UpstreamDrivers {

    private UpstreamDrivers() {
    }

    /**
     * Every driver with a {@code feedsInto} path to {@code driverKey}, nearest first, mapped to the length of its
     * shortest path; archived drivers are not part of the flow. The flow has no cycles (drivers-service refuses
     * them), and the visited set keeps a stale catalog from looping anyway.
     */
    public static Map<String, Integer> of(String driverKey, Collection<CatalogDriver> drivers) {
        Map<String, List<String>> flow = new HashMap<>();
        drivers.stream().filter(driver -> !driver.archived())
                .forEach(driver -> flow.put(driver.key(), driver.feedsInto()));
        return of(driverKey, flow);
    }

    /**
     * The same from the flow's edges alone: the drivers that feed others (archived ones left out), each with the keys
     * of the drivers it feeds ({@link io.topline.alerts.catalog.CatalogDriverRepository#flow()}).
     */
    public static Map<String, Integer> of(String driverKey, Map<String, List<String>> feedsInto) {
        Map<String, List<String>> feeders = new HashMap<>();
        feedsInto.forEach((driver, downstreams) -> downstreams.forEach(downstream ->
                feeders.computeIfAbsent(downstream, key -> new ArrayList<>()).add(driver)));
        feeders.values().forEach(list -> list.sort(null));
        Map<String, Integer> distance = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(driverKey));
        Map<String, Integer> seen = new HashMap<>(Map.of(driverKey, 0));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            for (String feeder : feeders.getOrDefault(current, List.of())) {
                if (!seen.containsKey(feeder)) {
                    seen.put(feeder, seen.get(current) + 1);
                    distance.put(feeder, seen.get(feeder));
                    queue.addLast(feeder);
                }
            }
        }
        return distance;
    }
}
