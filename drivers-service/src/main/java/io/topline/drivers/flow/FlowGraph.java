package io.topline.drivers.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/** The revenue flow as a directed graph of driver keys: cycle detection and a stable topological order. */
public final class FlowGraph {

    private FlowGraph() {
    }

    /**
     * The first cycle found, as the path that closes it ({@code a, b, c, a}), or empty when the graph is acyclic.
     * Nodes and edges are visited in a fixed order so that the same graph always names the same cycle.
     */
    public static Optional<List<String>> findCycle(Map<String, List<String>> edges) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, edges, done, path, new HashSet<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, List<String>> edges, Set<String> done,
                                                List<String> path, Set<String> onPath) {
        if (onPath.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (!done.add(node)) {
            return Optional.empty();
        }
        path.add(node);
        onPath.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            Optional<List<String>> cycle = visit(next, edges, done, path, onPath);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(node);
        return Optional.empty();
    }

    /**
     * Orders {@code nodes} so that every driver comes before the drivers it feeds; among drivers that are ready at
     * the same time, {@code tieBreak} decides, which keeps the order stable between calls.
     *
     * @throws FlowCycleException when the edges between the nodes form a cycle
     */
    public static List<String> order(Collection<String> nodes, Map<String, List<String>> edges,
                                     Comparator<String> tieBreak) {
        Map<String, Integer> incoming = incomingCounts(nodes, edges);
        PriorityQueue<String> ready = new PriorityQueue<>(tieBreak);
        incoming.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        List<String> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            String node = ready.poll();
            order.add(node);
            for (String to : edges.getOrDefault(node, List.of())) {
                if (incoming.containsKey(to) && incoming.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw new FlowCycleException(cycleAmongUnordered(nodes, edges, order));
        }
        return order;
    }

    /** How many edges between the nodes lead into each of them. */
    private static Map<String, Integer> incomingCounts(Collection<String> nodes, Map<String, List<String>> edges) {
        Map<String, Integer> incoming = new HashMap<>();
        nodes.forEach(node -> incoming.put(node, 0));
        for (String from : nodes) {
            for (String to : edges.getOrDefault(from, List.of())) {
                if (incoming.containsKey(to)) {
                    incoming.merge(to, 1, Integer::sum);
                }
            }
        }
        return incoming;
    }

    /** A cycle among the nodes the order could not place: each of them waits on another of them. */
    private static List<String> cycleAmongUnordered(Collection<String> nodes, Map<String, List<String>> edges,
                                                    List<String> order) {
        Map<String, List<String>> rest = new HashMap<>();
        for (String node : nodes) {
            if (!order.contains(node)) {
                rest.put(node, edges.getOrDefault(node, List.of()).stream().filter(nodes::contains).toList());
            }
        }
        return findCycle(rest).orElseThrow();
    }

    /** Renders a cycle the way the problem details name it: {@code a -> b -> a}. */
    public static String describe(List<String> cycle) {
        return String.join(" -> ", cycle);
    }

    /** The edges of the flow close a cycle; {@link #cycle()} is the path that closes it. */
    public static class FlowCycleException extends RuntimeException {

        private final List<String> cycle;

        public FlowCycleException(List<String> cycle) {
            super("The revenue flow has a cycle: " + describe(cycle));
            this.cycle = List.copyOf(cycle);
        }

        public List<String> cycle() {
            return cycle;
        }
    }
}
