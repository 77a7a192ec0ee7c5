package io.topline.drivers.flow;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Topological order and cycle naming of the flow graph. */
class FlowGraphTest {

    @Test
    void shouldOrderEveryDriverBeforeTheDriversItFeedsStably() {
        Map<String, List<String>> edges = Map.of(
                "marketing", List.of("sales"), "sales", List.of("service"), "operations", List.of("service"),
                "service", List.of("finance"), "finance", List.of());
        List<String> nodes = List.of("service", "finance", "operations", "marketing", "sales");
        List<String> order = FlowGraph.order(nodes, edges, Comparator.naturalOrder());
        assertEquals(List.of("marketing", "operations", "sales", "service", "finance"), order);
        assertEquals(order, FlowGraph.order(List.of("sales", "marketing", "finance", "service", "operations"), edges,
                Comparator.naturalOrder()));
    }

    @Test
    void shouldNameTheCycleThatBreaksTheOrder() {
        Map<String, List<String>> edges = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"), "d", List.of("a"));
        FlowGraph.FlowCycleException cycle = assertThrows(FlowGraph.FlowCycleException.class,
                () -> FlowGraph.order(List.of("a", "b", "c", "d"), edges, Comparator.naturalOrder()));
        assertEquals(List.of("a", "b", "c", "a"), cycle.cycle());
        assertEquals("The revenue flow has a cycle: a -> b -> c -> a", cycle.getMessage());
        assertEquals(Optional.empty(), FlowGraph.findCycle(Map.of("a", List.of("b"), "b", List.of())));
        assertEquals(Optional.of(List.of("x", "x")), FlowGraph.findCycle(Map.of("x", List.of("x"))));
    }
}
