package io.topline.console.flow;

import io.topline.console.scorecard.Scorecard;
import io.topline.console.scorecard.StatusLook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revenue flow laid out for an SVG drawing: each driver in the column of its longest path from a source (so every
 * edge points right), coloured by its roll-up status, with the chain that explains the focused driver highlighted.
 */
public record FlowDiagram(List<Node> nodes, List<Edge> edges, int width, int height, Node focus,
                          List<Scorecard.Upstream> chain) {

    static final int NODE_WIDTH = 184;
    static final int NODE_HEIGHT = 64;
    static final int COLUMN_STEP = 248;
    static final int ROW_STEP = 92;
    static final int MARGIN = 16;

    /** A driver's box. */
    public record Node(String key, String name, String function, String owner, String status, int x, int y,
                       boolean highlighted) {

        public StatusLook look() {
            return StatusLook.of(status);
        }

        /** The status word under the name; NO_DATA reads better than "Not evaluated" for a driver. */
        public String statusLabel() {
            return status == null ? "No data" : look().label();
        }

        public int textX() {
            return x + 12;
        }
    }

    /** An edge from the right side of one box to the left side of another, as an SVG path. */
    public record Edge(String from, String to, String path, boolean highlighted) {
    }

    /** Lays {@code flow} out with the roll-up {@code statuses}, focused on {@code focusKey} or the last red driver. */
    public static FlowDiagram of(Flow flow, List<Scorecard.DriverStatus> statuses, String focusKey) {
        Map<String, Scorecard.DriverStatus> status = new HashMap<>();
        statuses.forEach(s -> status.put(s.key(), s));
        Map<String, Integer> column = columns(flow);
        Scorecard.DriverStatus focused = focused(flow, status, focusKey);
        Set<String> chain = new HashSet<>();
        if (focused != null) {
            chain.add(focused.key());
            focused.explainedBy().forEach(upstream -> chain.add(upstream.key()));
        }
        Map<Integer, Integer> rowsInColumn = new HashMap<>();
        Map<String, Node> nodes = new HashMap<>();
        List<Node> ordered = new ArrayList<>();
        for (Flow.FlowDriver driver : flow.drivers()) {
            int col = column.get(driver.key());
            int row = rowsInColumn.merge(col, 1, Integer::sum) - 1;
            Scorecard.DriverStatus own = status.get(driver.key());
            Node node = new Node(driver.key(), driver.name(), driver.function(), driver.owner(),
                    own == null ? null : own.status(), MARGIN + col * COLUMN_STEP, MARGIN + row * ROW_STEP,
                    chain.size() > 1 && chain.contains(driver.key()));
            nodes.put(driver.key(), node);
            ordered.add(node);
        }
        List<Edge> edges = new ArrayList<>();
        for (Flow.FlowEdge edge : flow.edges()) {
            Node from = nodes.get(edge.from());
            Node to = nodes.get(edge.to());
            if (from != null && to != null) {
                edges.add(new Edge(edge.from(), edge.to(), path(from, to),
                        chain.size() > 1 && chain.contains(edge.from()) && chain.contains(edge.to())));
            }
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = rowsInColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return new FlowDiagram(ordered, edges, 2 * MARGIN + (columns - 1) * COLUMN_STEP + NODE_WIDTH,
                2 * MARGIN + (rows - 1) * ROW_STEP + NODE_HEIGHT, focused == null ? null : nodes.get(focused.key()),
                focused == null ? List.of() : focused.explainedBy());
    }

    /** Column of each driver: its longest path from a driver nothing feeds (the flow order is topological). */
    private static Map<String, Integer> columns(Flow flow) {
        Map<String, Integer> column = new HashMap<>();
        flow.drivers().forEach(driver -> column.put(driver.key(), 0));
        for (Flow.FlowDriver driver : flow.drivers()) {
            for (String downstream : driver.feedsInto()) {
                if (column.containsKey(downstream)) {
                    column.merge(downstream, column.get(driver.key()) + 1, Math::max);
                }
            }
        }
        return column;
    }

    private static Scorecard.DriverStatus focused(Flow flow, Map<String, Scorecard.DriverStatus> status,
                                                  String focusKey) {
        if (focusKey != null && status.containsKey(focusKey)) {
            return status.get(focusKey);
        }
        Scorecard.DriverStatus chosen = null;
        for (Flow.FlowDriver driver : flow.drivers()) {
            Scorecard.DriverStatus candidate = status.get(driver.key());
            if (candidate != null && !candidate.explainedBy().isEmpty()) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    private static String path(Node from, Node to) {
        int x1 = from.x() + NODE_WIDTH;
        int y1 = from.y() + NODE_HEIGHT / 2;
        int x2 = to.x();
        int y2 = to.y() + NODE_HEIGHT / 2;
        int bend = Math.max(24, (x2 - x1) / 2);
        return "M" + x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 + " " + x2 + ","
                + y2;
    }
}
