package io.topline.drivers.flow;

import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the revenue flow from the active drivers, in a topological order that is stable between calls. */
@ApplicationScoped
public class FlowService {

    private final DriverRepository drivers;
    private final MeasureRepository measures;

    public FlowService(DriverRepository drivers, MeasureRepository measures) {
        this.drivers = drivers;
        this.measures = measures;
    }

    @Transactional
    public FlowResponse flow() {
        Map<String, Driver> active = drivers.active().stream()
                .collect(Collectors.toMap(Driver::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        active.values().forEach(driver -> edges.put(driver.key(),
                driver.feedsInto().stream().filter(active::containsKey).toList()));
        Map<String, List<Measure>> measuresByDriver = measures.active().stream()
                .collect(Collectors.groupingBy(m -> m.driver().key()));
        List<String> order = flowOrder(active, edges);
        List<FlowResponse.FlowDriver> nodes = new ArrayList<>();
        List<FlowResponse.FlowEdge> links = new ArrayList<>();
        for (String key : order) {
            Driver driver = active.get(key);
            List<FlowResponse.FlowMeasure> driverMeasures = measuresByDriver.getOrDefault(key, List.of()).stream()
                    .map(m -> new FlowResponse.FlowMeasure(m.key(), m.name(), m.unit(), m.currency(), m.aggregation(),
                            m.direction(), m.cadence(), m.owner()))
                    .toList();
            nodes.add(new FlowResponse.FlowDriver(nodes.size() + 1, key, driver.name(), driver.function(),
                    driver.owner(), edges.get(key), driverMeasures));
            edges.get(key).forEach(to -> links.add(new FlowResponse.FlowEdge(key, to)));
        }
        return new FlowResponse(nodes, links);
    }

    /** The drivers' keys in flow order; a cycle (which the writes refuse) is a 409 naming it. */
    private static List<String> flowOrder(Map<String, Driver> active, Map<String, List<String>> edges) {
        // among drivers ready at once, the usual order of a business (marketing first), then by key
        Comparator<String> tieBreak = Comparator.<String, Integer>comparing(key -> active.get(key).function().ordinal())
                .thenComparing(Comparator.naturalOrder());
        try {
            return FlowGraph.order(active.keySet(), edges, tieBreak);
        } catch (FlowGraph.FlowCycleException e) {
            throw new ProblemException(409, "flow-cycle", "Conflict", e.getMessage(),
                    List.of(new Problem.Violation("feedsInto", FlowGraph.describe(e.cycle()))));
        }
    }
}
