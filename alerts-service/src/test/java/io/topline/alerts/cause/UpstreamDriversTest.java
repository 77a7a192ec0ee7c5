package io.topline.alerts.cause;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The upstream of a driver from the flow's edges: shortest distances, nearest first, safe on a stale cycle. */
class UpstreamDriversTest {

    @Test
    void shouldGiveEachFeederItsShortestDistanceNearestFirst() {
        Map<String, List<String>> flow = Map.of(
                "operations", List.of("marketing", "sales"),
                "marketing", List.of("sales"),
                "finance", List.of("operations"),
                "service", List.of("finance"));

        Map<String, Integer> upstream = UpstreamDrivers.of("sales", flow);

        assertEquals(Map.of("marketing", 1, "operations", 1, "finance", 2, "service", 3), upstream);
        assertEquals(List.of("marketing", "operations", "finance", "service"), List.copyOf(upstream.keySet()));
    }

    @Test
    void shouldStopOnACycleOfAStaleCatalog() {
        Map<String, List<String>> flow = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"));

        assertEquals(Map.of("b", 1, "a", 2), UpstreamDrivers.of("c", flow));
    }

    @Test
    void shouldHaveNoUpstreamForADriverNobodyFeeds() {
        assertEquals(Map.of(), UpstreamDrivers.of("sales", Map.of("sales", List.of("finance"))));
    }
}
