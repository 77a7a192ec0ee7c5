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
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (CreateDriverRequest driver : definition.drivers()) {
            boolean existed = drivers.findByKey(driver.key()).isPresent();
            boolean changed = driverService.apply(driver);
            (changed ? (existed ? updated : created) : unchanged).add("driver:" + driver.key());
        }
        int targetsAdded = 0;
        for (OrganisationDefinition.MeasureDefinition item : definition.measuresOrEmpty()) {
            boolean existed = measures.findByKey(item.key()).isPresent();
            MeasureService.Applied applied = measureService.apply(item.toRequest());
            Measure measure = applied.measure();
            boolean changed = applied.changed();
            for (CreateTargetRequest target : item.targetsOrEmpty()) {
                Period period = Period.parse(target.effectiveFrom()).orElseThrow();
                boolean stated = measure.targets().stream().anyMatch(t -> t.states(period, target.successLevel(),
                        target.failureLevel(), target.severity(), target.note()));
                if (!stated) {
                    measure.addTarget(period, target.successLevel(), target.failureLevel(), target.severity(),
                            target.note(), measureService.now());
                    targetsAdded++;
                    changed = true;
                }
            }
            if (changed) {
                measureService.publish(measure);
            }
            (changed ? (existed ? updated : created) : unchanged).add("measure:" + item.key());
        }
        return new ImportResponse(created, updated, unchanged, targetsAdded);
    }

    private List<Problem.Violation> validate(OrganisationDefinition definition) {
        List<Problem.Violation> violations = new ArrayList<>();
        Map<String, CreateDriverRequest> fileDrivers = new HashMap<>();
        Map<String, List<String>> edges = new HashMap<>();
        for (Driver driver : drivers.listAll()) {
            edges.put(driver.key(), driver.feedsInto());
        }
        for (int i = 0; i < definition.drivers().size(); i++) {
            CreateDriverRequest driver = definition.drivers().get(i);
            String path = "drivers[" + i + "]";
            if (fileDrivers.putIfAbsent(driver.key(), driver) != null) {
                violations.add(new Problem.Violation(path + ".key", "driver '" + driver.key() + "' is listed twice"));
            }
            drivers.findByKey(driver.key()).filter(Driver::archived).ifPresent(archived -> violations.add(
                    new Problem.Violation(path + ".key", "driver '" + driver.key() + "' is archived; keys are never reused")));
            edges.put(driver.key(), driver.feedsIntoOrEmpty());
        }
        for (int i = 0; i < definition.drivers().size(); i++) {
            CreateDriverRequest driver = definition.drivers().get(i);
            List<String> current = drivers.findByKey(driver.key()).map(Driver::feedsInto).orElse(List.of());
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < driver.feedsIntoOrEmpty().size(); j++) {
                String target = driver.feedsIntoOrEmpty().get(j);
                String path = "drivers[" + i + "].feedsInto[" + j + "]";
                if (!seen.add(target)) {
                    violations.add(new Problem.Violation(path, "'" + target + "' is listed twice"));
                } else if (!fileDrivers.containsKey(target) && !isUsable(target, current)) {
                    violations.add(new Problem.Violation(path, "driver '" + target + "' is neither in the file nor an active driver"));
                }
            }
        }
        FlowGraph.findCycle(edges).ifPresent(cycle -> violations.add(new Problem.Violation("drivers",
                "the revenue flow would have a cycle: " + FlowGraph.describe(cycle))));
        validateMeasures(definition, fileDrivers, violations);
        return violations;
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
            Optional<Driver> driver = drivers.findByKey(item.driverKey());
            if (!fileDrivers.containsKey(item.driverKey()) && (driver.isEmpty() || driver.get().archived())) {
                violations.add(new Problem.Violation(path + ".driverKey",
                        "driver '" + item.driverKey() + "' is neither in the file nor an active driver"));
            }
            Optional<Measure> existing = measures.findByKey(item.key());
            if (existing.isPresent()) {
                Measure measure = existing.get();
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
            collect(path, () -> MeasureService.checkCurrency(item.unit(), item.currency()), violations);
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
            activeByDriver.computeIfAbsent(item.driverKey(), k -> new HashSet<>()).add(item.key());
            firstPathByDriver.putIfAbsent(item.driverKey(), path + ".driverKey");
        }
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
