package io.topline.drivers.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.contracts.organisation.OrganisationFileRules;
import io.topline.drivers.DefinitionsConfig;
import io.topline.drivers.driver.CreateDriverRequest;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.drivers.flow.FlowGraph;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.drivers.measure.MeasureService;
import io.topline.drivers.organisation.OrganisationDefinition.MeasureDefinition;
import io.topline.drivers.target.CreateTargetRequest;
import io.topline.drivers.target.TargetService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules an organisation file must keep against the definitions stored now: those it keeps on its own
 * ({@link OrganisationFileRules}: keys listed once, levels on the right side), keys never reused once archived, edges to drivers that will exist, an acyclic flow, the focus rule, fields that never change, target
 * periods of the measure's cadence in the suite's calendar, a calendar block (if any) equal to the suite's. With prune,
 * what the file leaves out is about to be archived, so nothing may lean on it.
 */
@ApplicationScoped
public class OrganisationRules {

    private final DriverRepository drivers;
    private final MeasureRepository measures;
    private final DefinitionsConfig config;
    private final FiscalCalendar calendar;
    private final ObjectMapper mapper;

    public OrganisationRules(DriverRepository drivers, MeasureRepository measures, DefinitionsConfig config,
                             FiscalCalendar calendar, ObjectMapper mapper) {
        this.drivers = drivers;
        this.measures = measures;
        this.config = config;
        this.calendar = calendar;
        this.mapper = mapper;
    }

    /**
     * Every rule the file breaks, each with its path in the file; empty when it may be applied. The rules a file keeps
     * on its own are those of {@link OrganisationFileRules}, which the command-line tool checks offline too.
     */
    public List<Problem.Violation> check(OrganisationFile file, boolean prune) {
        OrganisationDefinition definition = file.definition();
        JsonNode document = file.document() != null ? file.document() : mapper.valueToTree(definition);
        List<Problem.Violation> violations = new ArrayList<>(OrganisationFileRules.check(document).stream()
                .map(e -> new Problem.Violation(e.path(), e.message(), e.line(), e.column())).toList());
        violations.addAll(CalendarCheck.differences(definition.calendar(), calendar));
        Map<String, CreateDriverRequest> fileDrivers = checkDriverKeys(definition.drivers(), violations);
        checkFeedsInto(definition.drivers(), fileDrivers, prune, violations);
        FlowGraph.findCycle(edgesAfter(definition, prune)).ifPresent(cycle -> violations.add(new Problem.Violation(
                "drivers", "the revenue flow would have a cycle: " + FlowGraph.describe(cycle))));
        checkMeasures(definition, fileDrivers, prune, violations);
        return violations;
    }

    /** The flow as the file would leave it: the stored edges, the file's drivers' edges replacing theirs. */
    private Map<String, List<String>> edgesAfter(OrganisationDefinition definition, boolean prune) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Driver driver : drivers.listAll()) {
            if (driver.archived() || !prune) {
                edges.put(driver.key(), driver.feedsInto());
            }
        }
        for (CreateDriverRequest driver : definition.drivers()) {
            edges.put(driver.key(), driver.feedsIntoOrEmpty());
        }
        return edges;
    }

    /** The file's drivers by key (the first of a key listed twice); an archived driver's key is a violation. */
    private Map<String, CreateDriverRequest> checkDriverKeys(List<CreateDriverRequest> fileDrivers,
                                                             List<Problem.Violation> violations) {
        Map<String, CreateDriverRequest> byKey = new HashMap<>();
        for (int i = 0; i < fileDrivers.size(); i++) {
            CreateDriverRequest driver = fileDrivers.get(i);
            String path = "drivers[" + i + "].key";
            byKey.putIfAbsent(driver.key(), driver);
            drivers.findByKey(driver.key()).filter(Driver::archived).ifPresent(archived -> violations.add(
                    new Problem.Violation(path, "driver '" + driver.key() + "' is archived; keys are never reused")));
        }
        return byKey;
    }

    /** Each edge of the file leads to a driver of the file or one that stays, and is listed once. */
    private void checkFeedsInto(List<CreateDriverRequest> fileDrivers, Map<String, CreateDriverRequest> byKey,
                                boolean prune, List<Problem.Violation> violations) {
        for (int i = 0; i < fileDrivers.size(); i++) {
            CreateDriverRequest driver = fileDrivers.get(i);
            List<String> current = drivers.findByKey(driver.key()).map(Driver::feedsInto).orElse(List.of());
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < driver.feedsIntoOrEmpty().size(); j++) {
                String target = driver.feedsIntoOrEmpty().get(j);
                String path = "drivers[" + i + "].feedsInto[" + j + "]";
                if (!seen.add(target)) {
                    violations.add(new Problem.Violation(path, "'" + target + "' is listed twice"));
                } else if (!byKey.containsKey(target)) {
                    unusableEdge(target, current, prune).ifPresent(reason -> violations.add(new Problem.Violation(path, reason)));
                }
            }
        }
    }

    /** Why an edge to a driver the file leaves out cannot stay, if it cannot. */
    private Optional<String> unusableEdge(String driverKey, List<String> currentEdges, boolean prune) {
        Optional<Driver> driver = drivers.findByKey(driverKey);
        if (driver.isEmpty()) {
            return Optional.of("driver '" + driverKey + "' is neither in the file nor an active driver");
        }
        if (driver.get().archived()) {
            return currentEdges.contains(driverKey) ? Optional.empty()
                    : Optional.of("driver '" + driverKey + "' is archived");
        }
        return prune ? Optional.of("driver '" + driverKey + "' is not in the file, so prune would archive it")
                : Optional.empty();
    }

    private void checkMeasures(OrganisationDefinition definition, Map<String, CreateDriverRequest> fileDrivers,
                               boolean prune, List<Problem.Violation> violations) {
        Set<String> keys = new HashSet<>();
        Map<String, Set<String>> activeByDriver = new HashMap<>();
        Map<String, String> firstPathByDriver = new HashMap<>();
        for (int i = 0; i < definition.measuresOrEmpty().size(); i++) {
            MeasureDefinition item = definition.measuresOrEmpty().get(i);
            String path = "measures[" + i + "]";
            if (!keys.add(item.key())) {
                // listed twice: OrganisationFileRules says so
                continue;
            }
            checkMeasure(path, item, fileDrivers, prune, violations);
            activeByDriver.computeIfAbsent(item.driverKey(), k -> new HashSet<>()).add(item.key());
            firstPathByDriver.putIfAbsent(item.driverKey(), path + ".driverKey");
        }
        checkFocusRule(activeByDriver, firstPathByDriver, prune, violations);
    }

    /** One measure of the file: its driver will exist, a stored one keeps what never changes, its parts are sound. */
    private void checkMeasure(String path, MeasureDefinition item, Map<String, CreateDriverRequest> fileDrivers,
                              boolean prune, List<Problem.Violation> violations) {
        if (!fileDrivers.containsKey(item.driverKey())) {
            Optional<Driver> driver = drivers.findByKey(item.driverKey());
            if (driver.isEmpty() || driver.get().archived()) {
                violations.add(new Problem.Violation(path + ".driverKey",
                        "driver '" + item.driverKey() + "' is neither in the file nor an active driver"));
            } else if (prune) {
                violations.add(new Problem.Violation(path + ".driverKey",
                        "driver '" + item.driverKey() + "' is not in the file, so prune would archive it"));
            }
        }
        measures.findByKey(item.key()).ifPresent(stored -> checkAgainstStored(path, item, stored, violations));
        collect(path, () -> MeasureService.checkCurrency(item.unit(), item.currency()), violations);
        checkTargets(path, item, violations);
    }

    /** A measure stored already: an archived key is never reused, and driver, direction and cadence never change. */
    private static void checkAgainstStored(String path, MeasureDefinition item, Measure measure,
                                           List<Problem.Violation> violations) {
        if (measure.archived()) {
            violations.add(new Problem.Violation(path + ".key", "measure '" + item.key() + "' is archived; keys are never reused"));
        }
        if (!measure.driver().key().equals(item.driverKey())) {
            violations.add(new Problem.Violation(path + ".driverKey", "measure '" + item.key()
                    + "' belongs to driver '" + measure.driver().key() + "' and cannot move"));
        }
        if (measure.direction() != item.direction()) {
            violations.add(new Problem.Violation(path + ".direction", "measure '" + item.key() + "' is "
                    + measure.direction() + "; direction never changes"));
        }
        if (measure.cadence() != item.cadence()) {
            violations.add(new Problem.Violation(path + ".cadence", "measure '" + item.key() + "' is "
                    + measure.cadence() + "; cadence never changes"));
        }
    }

    /**
     * Each target starts at a period of the measure's cadence (the schema says so of a file; a body of
     * /drivers/import is checked here); the failing side is one of {@link OrganisationFileRules}.
     */
    private void checkTargets(String path, MeasureDefinition item, List<Problem.Violation> violations) {
        for (int j = 0; j < item.targetsOrEmpty().size(); j++) {
            CreateTargetRequest target = item.targetsOrEmpty().get(j);
            collect(path + ".targets[" + j + "]",
                    () -> TargetService.parse(calendar, target.effectiveFrom(), item.cadence(), "effectiveFrom"),
                    violations);
        }
    }

    /**
     * The focus rule: a driver keeps a few active measures, counting the file's and, unless prune archives them,
     * those stored that the file leaves out.
     */
    private void checkFocusRule(Map<String, Set<String>> activeByDriver, Map<String, String> firstPathByDriver,
                                boolean prune, List<Problem.Violation> violations) {
        Map<String, Set<String>> stored = prune ? Map.of() : measures.activeKeysByDriver(activeByDriver.keySet());
        activeByDriver.forEach((driverKey, fileKeys) -> {
            Set<String> active = new HashSet<>(fileKeys);
            active.addAll(stored.getOrDefault(driverKey, Set.of()));
            if (active.size() > config.maxActiveMeasuresPerDriver()) {
                violations.add(new Problem.Violation(firstPathByDriver.get(driverKey), "driver '" + driverKey
                        + "' would have " + active.size() + " active measures " + new TreeSet<>(active)
                        + "; a driver keeps at most " + config.maxActiveMeasuresPerDriver() + " (the focus rule)"));
            }
        });
    }

    private static void collect(String prefix, Runnable check, List<Problem.Violation> violations) {
        try {
            check.run();
        } catch (ProblemException e) {
            List<Problem.Violation> found = e.violations() == null ? List.of() : e.violations();
            found.forEach(v -> violations.add(new Problem.Violation(prefix + "." + v.field(), v.message())));
        }
    }
}
