package io.topline.drivers.importer;

import io.topline.drivers.DefinitionsConfig;
import io.topline.drivers.driver.CreateDriverRequest;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.drivers.driver.DriverService;
import io.topline.drivers.flow.FlowGraph;
import io.topline.drivers.measure.Direction;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.drivers.measure.MeasureService;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.drivers.target.CreateTargetRequest;
import io.topline.drivers.target.Period;
import io.topline.drivers.target.TargetService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports a whole organisation in one transaction: every rule is checked against the file and the current state
 * first, every violation is reported at once, and nothing is applied unless all of it is valid.
 */
@ApplicationScoped
public class ImportService {

    private final DriverRepository drivers;
    private final MeasureRepository measures;
    private final DriverService driverService;
    private final MeasureService measureService;
    private final DefinitionsConfig config;

    public ImportService(DriverRepository drivers, MeasureRepository measures, DriverService driverService,
                         MeasureService measureService, DefinitionsConfig config) {
        this.drivers = drivers;
        this.measures = measures;
        this.driverService = driverService;
        this.measureService = measureService;
        this.config = config;
    }

    @Transactional
    public ImportResponse importOrganisation(OrganisationDefinition definition) {
        drivers.lockFlow();
        List<Problem.Violation> violations = validate(definition);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The definitions have " + violations.size()
                    + " problem(s); nothing was imported", violations);
        }
        Changes changes = new Changes();
        int targetsAdded = 0;
        for (CreateDriverRequest driver : definition.drivers()) {
            boolean existed = drivers.findByKey(driver.key()).isPresent();
            changes.add("driver:" + driver.key(), existed, driverService.apply(driver));
        }
        for (OrganisationDefinition.MeasureDefinition item : definition.measuresOrEmpty()) {
            boolean existed = measures.findByKey(item.key()).isPresent();
            MeasureService.Applied applied = measureService.apply(item.toRequest());
            int added = addMissingTargets(applied.measure(), item);
            boolean changed = applied.changed() || added > 0;
            if (changed) {
                measureService.publish(applied.measure());
            }
            changes.add("measure:" + item.key(), existed, changed);
            targetsAdded += added;
        }
        return changes.response(targetsAdded);
    }

    /** What the import did to each driver and measure, as {@link ImportResponse} reports it. */
    private static final class Changes {
        private final List<String> created = new ArrayList<>();
        private final List<String> updated = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();

        void add(String name, boolean existed, boolean changed) {
            (changed ? (existed ? updated : created) : unchanged).add(name);
        }

        ImportResponse response(int targetsAdded) {
            return new ImportResponse(created, updated, unchanged, targetsAdded);
        }
    }

    /** Adds the file's target versions that the measure does not state yet; returns how many it added. */
    private int addMissingTargets(Measure measure, OrganisationDefinition.MeasureDefinition item) {
        int added = 0;
        for (CreateTargetRequest target : item.targetsOrEmpty()) {
            Period period = Period.parse(target.effectiveFrom()).orElseThrow();
            boolean stated = measure.targets().stream().anyMatch(t -> t.states(period, target.successLevel(),
                    target.failureLevel(), target.severity(), target.note()));
            if (!stated) {
                measure.addTarget(period, target.successLevel(), target.failureLevel(), target.severity(),
                        target.note(), measureService.now());
                added++;
            }
        }
        return added;
    }

    private List<Problem.Violation> validate(OrganisationDefinition definition) {
        List<Problem.Violation> violations = new ArrayList<>();
        Map<String, List<String>> edges = edgesAfterImport(definition);
        Map<String, CreateDriverRequest> fileDrivers = validateDriverKeys(definition.drivers(), violations);
        validateFeedsInto(definition.drivers(), fileDrivers, violations);
        FlowGraph.findCycle(edges).ifPresent(cycle -> violations.add(new Problem.Violation("drivers",
                "the revenue flow would have a cycle: " + FlowGraph.describe(cycle))));
        validateMeasures(definition, fileDrivers, violations);
        return violations;
    }

    /** The flow as the import would leave it: the stored edges, the file's drivers' edges replacing theirs. */
    private Map<String, List<String>> edgesAfterImport(OrganisationDefinition definition) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Driver driver : drivers.listAll()) {
            edges.put(driver.key(), driver.feedsInto());
        }
        for (CreateDriverRequest driver : definition.drivers()) {
            edges.put(driver.key(), driver.feedsIntoOrEmpty());
        }
        return edges;
    }

    /** The file's drivers by key; a key listed twice, or an archived driver's key, is a violation. */
    private Map<String, CreateDriverRequest> validateDriverKeys(List<CreateDriverRequest> fileDrivers,
                                                                List<Problem.Violation> violations) {
        Map<String, CreateDriverRequest> byKey = new HashMap<>();
        for (int i = 0; i < fileDrivers.size(); i++) {
            CreateDriverRequest driver = fileDrivers.get(i);
            String path = "drivers[" + i + "]";
            if (byKey.putIfAbsent(driver.key(), driver) != null) {
                violations.add(new Problem.Violation(path + ".key", "driver '" + driver.key() + "' is listed twice"));
            }
            drivers.findByKey(driver.key()).filter(Driver::archived).ifPresent(archived -> violations.add(
                    new Problem.Violation(path + ".key", "driver '" + driver.key() + "' is archived; keys are never reused")));
        }
        return byKey;
    }

    /** Each edge of the file leads to a driver of the file or an active one, and is listed once. */
    private void validateFeedsInto(List<CreateDriverRequest> fileDrivers, Map<String, CreateDriverRequest> byKey,
                                   List<Problem.Violation> violations) {
        for (int i = 0; i < fileDrivers.size(); i++) {
            CreateDriverRequest driver = fileDrivers.get(i);
            List<String> current = drivers.findByKey(driver.key()).map(Driver::feedsInto).orElse(List.of());
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < driver.feedsIntoOrEmpty().size(); j++) {
                String target = driver.feedsIntoOrEmpty().get(j);
                String path = "drivers[" + i + "].feedsInto[" + j + "]";
                if (!seen.add(target)) {
                    violations.add(new Problem.Violation(path, "'" + target + "' is listed twice"));
                } else if (!byKey.containsKey(target) && !isUsable(target, current)) {
                    violations.add(new Problem.Violation(path, "driver '" + target + "' is neither in the file nor an active driver"));
                }
            }
        }
    }

    private boolean isUsable(String driverKey, List<String> currentEdges) {
        Optional<Driver> driver = drivers.findByKey(driverKey);
        return driver.isPresent() && (!driver.get().archived() || currentEdges.contains(driverKey));
    }

    private void validateMeasures(OrganisationDefinition definition, Map<String, CreateDriverRequest> fileDrivers,
                                  List<Problem.Violation> violations) {
        Set<String> keys = new HashSet<>();
        Map<String, Set<String>> activeByDriver = new HashMap<>();
        Map<String, String> firstPathByDriver = new HashMap<>();
        for (int i = 0; i < definition.measuresOrEmpty().size(); i++) {
            OrganisationDefinition.MeasureDefinition item = definition.measuresOrEmpty().get(i);
            String path = "measures[" + i + "]";
            if (!keys.add(item.key())) {
                violations.add(new Problem.Violation(path + ".key", "measure '" + item.key() + "' is listed twice"));
                continue;
            }
            validateMeasure(path, item, fileDrivers, violations);
            activeByDriver.computeIfAbsent(item.driverKey(), k -> new HashSet<>()).add(item.key());
            firstPathByDriver.putIfAbsent(item.driverKey(), path + ".driverKey");
        }
        validateFocusRule(activeByDriver, firstPathByDriver, violations);
    }

    /** One measure of the file: its driver is usable, a stored one keeps what never changes, its parts are sound. */
    private void validateMeasure(String path, OrganisationDefinition.MeasureDefinition item,
                                 Map<String, CreateDriverRequest> fileDrivers, List<Problem.Violation> violations) {
        Optional<Driver> driver = drivers.findByKey(item.driverKey());
        if (!fileDrivers.containsKey(item.driverKey()) && (driver.isEmpty() || driver.get().archived())) {
            violations.add(new Problem.Violation(path + ".driverKey",
                    "driver '" + item.driverKey() + "' is neither in the file nor an active driver"));
        }
        measures.findByKey(item.key()).ifPresent(stored -> validateAgainstStored(path, item, stored, violations));
        collect(path, () -> MeasureService.checkCurrency(item.unit(), item.currency()), violations);
        validateTargets(path, item, violations);
    }

    /** A measure stored already: an archived key is never reused, and driver, direction and cadence never change. */
    private static void validateAgainstStored(String path, OrganisationDefinition.MeasureDefinition item,
                                              Measure measure, List<Problem.Violation> violations) {
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

    /** Each target starts at a period of the measure's cadence, with its failure level on the failing side. */
    private static void validateTargets(String path, OrganisationDefinition.MeasureDefinition item,
                                        List<Problem.Violation> violations) {
        for (int j = 0; j < item.targetsOrEmpty().size(); j++) {
            CreateTargetRequest target = item.targetsOrEmpty().get(j);
            String targetPath = path + ".targets[" + j + "]";
            collect(targetPath, () -> TargetService.parse(target.effectiveFrom(), item.cadence(), "effectiveFrom"), violations);
            boolean wrongSide = item.direction() == Direction.HIGHER_IS_BETTER
                    ? target.failureLevel().compareTo(target.successLevel()) > 0
                    : target.failureLevel().compareTo(target.successLevel()) < 0;
            if (wrongSide) {
                violations.add(new Problem.Violation(targetPath + ".failureLevel", "failureLevel is on the wrong "
                        + "side of successLevel for a " + item.direction() + " measure"));
            }
        }
    }

    /** The focus rule: a driver keeps a few active measures, counting those stored and those the file adds. */
    private void validateFocusRule(Map<String, Set<String>> activeByDriver, Map<String, String> firstPathByDriver,
                                   List<Problem.Violation> violations) {
        activeByDriver.forEach((driverKey, fileKeys) -> {
            Set<String> active = new HashSet<>(fileKeys);
            drivers.findByKey(driverKey).ifPresent(driver -> measures.activeOf(driver).forEach(m -> active.add(m.key())));
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
