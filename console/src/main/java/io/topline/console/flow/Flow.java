package io.topline.console.flow;

import java.util.List;

/** The revenue flow as drivers-service's {@code GET /drivers/flow} answers it. */
public record Flow(List<FlowDriver> drivers, List<FlowEdge> edges) {

    /** A driver at its place in the flow. */
    public record FlowDriver(int position, String key, String name, String function, String owner,
                             List<String> feedsInto) {
    }

    /** One "feeds into" edge. */
    public record FlowEdge(String from, String to) {
    }
}
