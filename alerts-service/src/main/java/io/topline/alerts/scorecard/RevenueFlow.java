package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.subscription.DriverFunction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** Orders drivers along the revenue flow: topologically by {@code feedsInto}, ties by function then key, so it is stable. */
public final class RevenueFlow {

    private RevenueFlow() {
    }

    /** Driver keys in flow order; drivers caught in a cycle (which drivers-service refuses) come last, by key. */
    public static List<String> order(List<CatalogDriver> drivers) {
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        for (CatalogDriver driver : drivers) {
            incoming.putIfAbsent(driver.key(), 0);
        }
        for (CatalogDriver driver : drivers) {
            for (String downstream : driver.feedsInto()) {
                if (incoming.containsKey(downstream)) {
                    edges.computeIfAbsent(driver.key(), k -> new ArrayList<>()).add(downstream);
                    incoming.merge(downstream, 1, Integer::sum);
                }
            }
        }
        PriorityQueue<String> ready = new PriorityQueue<>(byFunctionThenKey(drivers));
        incoming.forEach((key, count) -> {
            if (count == 0) {
                ready.add(key);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String key = ready.poll();
            order.add(key);
            for (String downstream : edges.getOrDefault(key, List.of())) {
                if (incoming.merge(downstream, -1, Integer::sum) == 0) {
                    ready.add(downstream);
                }
            }
        }
        // a set, not the list: searching the list for each driver took a tenth of a 5,000-measure scorecard's build
        Set<String> placed = new HashSet<>(order);
        incoming.keySet().stream().filter(k -> !placed.contains(k)).sorted().forEach(order::add);
        return order;
    }

    /** How ties go: by function, then key, exactly as drivers-service's GET /drivers/flow orders them. */
    private static Comparator<String> byFunctionThenKey(List<CatalogDriver> drivers) {
        Map<String, Integer> functionRank = new HashMap<>();
        for (CatalogDriver driver : drivers) {
            functionRank.put(driver.key(), rankOf(driver.function()));
        }
        return Comparator.<String>comparingInt(functionRank::get).thenComparing(Comparator.naturalOrder());
    }

    private static int rankOf(String function) {
        for (DriverFunction candidate : DriverFunction.values()) {
            if (candidate.name().equals(function)) {
                return candidate.ordinal();
            }
        }
        return DriverFunction.values().length;
    }
}
