package io.topline.drivers.flow;

import io.topline.drivers.driver.DriverFunction;
import io.topline.drivers.measure.Aggregation;
import io.topline.drivers.measure.Cadence;
import io.topline.drivers.measure.Direction;
import io.topline.drivers.measure.Unit;

import java.util.List;

/** The revenue flow: active drivers in flow order with their measures, and the edges between them. */
public record FlowResponse(List<FlowDriver> drivers, List<FlowEdge> edges) {

    /** A driver at its place in the flow ({@code position} counts from 1). */
    public record FlowDriver(int position, String key, String name, DriverFunction function, String owner,
                             List<String> feedsInto, List<FlowMeasure> measures) {
    }

    /** An active measure of a driver. */
    public record FlowMeasure(String key, String name, Unit unit, String currency, Aggregation aggregation,
                              Direction direction, Cadence cadence, String owner) {
    }

    /** One "feeds into" edge. */
    public record FlowEdge(String from, String to) {
    }
}
