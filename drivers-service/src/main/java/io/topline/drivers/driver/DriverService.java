package io.topline.drivers.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.topline.drivers.flow.FlowGraph;
import io.topline.drivers.measure.MeasureService;
import io.topline.chassis.outbox.Outbox;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.drivers.web.MergePatches;
import io.topline.drivers.web.ReadOnlyFields;
import io.topline.drivers.web.Revisions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Owns the driver lifecycle: its rules, its transactions and the events that announce every change. */
@ApplicationScoped
public class DriverService {

    public static final String DEFINED = "topline.driver.defined";
    public static final String ARCHIVED = "topline.driver.archived";

    private final DriverRepository drivers;
    private final MeasureService measures;
    private final Outbox outbox;
    private final MergePatches patches;
    private final Clock clock;

    public DriverService(DriverRepository drivers, MeasureService measures, Outbox outbox, MergePatches patches,
                         Clock clock) {
        this.drivers = drivers;
        this.patches = patches;
        this.measures = measures;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Driver create(CreateDriverRequest request) {
        drivers.lockFlow();
        if (drivers.findByKey(request.key()).isPresent()) {
            throw ProblemException.conflict("duplicate-key", "key",
                    "A driver with key '" + request.key() + "' already exists (keys are never reused)");
        }
        checkEdges(request.key(), request.feedsIntoOrEmpty(), List.of(), "feedsInto");
        Driver driver = new Driver(request.key(), request.name().strip(), request.function(), request.owner().strip(),
                request.description(), request.feedsIntoOrEmpty(), now());
        drivers.persist(driver);
        publish(driver, DEFINED);
        return driver;
    }

    @Transactional
    public Driver update(String key, UpdateDriverRequest request, String ifMatch) {
        drivers.lockFlow();
        Driver driver = drivers.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Driver", key));
        Revisions.check(ifMatch, driver.revision(), true);
        return replace(driver, request);
    }

    /** Applies a JSON Merge Patch to the driver as GET shows it, then updates it as a PUT of the result would. */
    @Transactional
    public Driver patch(String key, String mergePatch, String ifMatch) throws JsonProcessingException {
        drivers.lockFlow();
        Driver driver = drivers.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Driver", key));
        Revisions.check(ifMatch, driver.revision(), true);
        return replace(driver, patches.apply(DriverMapper.toResponse(driver), mergePatch, UpdateDriverRequest.class));
    }

    private Driver replace(Driver driver, UpdateDriverRequest request) {
        checkReadOnly(driver, request);
        List<String> feedsInto = request.feedsIntoOrEmpty();
        checkEdges(driver.key(), feedsInto, driver.feedsInto(), "feedsInto");
        checkAcyclic(Map.of(driver.key(), feedsInto));
        if (driver.change(request.name().strip(), request.function(), request.owner().strip(), request.description(),
                feedsInto, now())) {
            publish(driver, DEFINED);
        }
        return driver;
    }

    private static void checkReadOnly(Driver driver, UpdateDriverRequest request) {
        ReadOnlyFields.check("key", request.key(), driver.key());
        ReadOnlyFields.check("archived", request.archived(), driver.archived());
        ReadOnlyFields.check("revision", request.revision(), driver.revision());
        ReadOnlyFields.check("createdAt", request.createdAt(), driver.createdAt());
        ReadOnlyFields.check("updatedAt", request.updatedAt(), driver.updatedAt());
    }

    /** Archives the driver and, with it, its active measures: an archived driver measures nothing. */
    @Transactional
    public Driver archive(String key, String ifMatch) {
        Driver driver = drivers.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Driver", key));
        Revisions.check(ifMatch, driver.revision(), true);
        driver.archive(now());
        measures.archiveAllOf(driver);
        publish(driver, ARCHIVED);
        return driver;
    }

    /** Archives an active driver and its active measures in the caller's transaction (an organisation file's prune). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void archiveWithin(String key) {
        Driver driver = drivers.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Driver", key));
        driver.archive(now());
        measures.archiveAllOf(driver);
        publish(driver, ARCHIVED);
    }

    @Transactional
    public Driver get(String key) {
        return drivers.findByKey(key).orElseThrow(() -> ProblemException.notFound("Driver", key));
    }

    @Transactional
    public Page<Driver> list(String function, String owner, boolean includeArchived, PageRequest page) {
        return drivers.search(parseFunction(function), owner, includeArchived, page);
    }

    /**
     * Creates or changes a driver to match a definition, without checking for cycles: the importer checks the
     * whole new flow first, and edges applied one driver at a time may look cyclic in between.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(CreateDriverRequest definition) {
        Optional<Driver> existing = drivers.lockByKey(definition.key());
        if (existing.isEmpty()) {
            Driver driver = new Driver(definition.key(), definition.name().strip(), definition.function(),
                    definition.owner().strip(), definition.description(), definition.feedsIntoOrEmpty(), now());
            drivers.persist(driver);
            publish(driver, DEFINED);
            return true;
        }
        Driver driver = existing.get();
        if (driver.change(definition.name().strip(), definition.function(), definition.owner().strip(),
                definition.description(), definition.feedsIntoOrEmpty(), now())) {
            publish(driver, DEFINED);
            return true;
        }
        return false;
    }

    /**
     * Checks that every edge names an existing driver other than the one it leaves; new edges must name active
     * drivers, while edges the driver already had may keep pointing at one archived since.
     */
    void checkEdges(String key, List<String> feedsInto, List<String> current, String field) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < feedsInto.size(); i++) {
            String target = feedsInto.get(i);
            String path = field + "[" + i + "]";
            if (!seen.add(target)) {
                throw ProblemException.unprocessable(path, "'" + target + "' is listed twice");
            }
            if (target.equals(key)) {
                throw ProblemException.conflict("flow-cycle", path,
                        "A driver cannot feed into itself: " + FlowGraph.describe(List.of(key, key)));
            }
            Optional<Driver> downstream = drivers.findByKey(target);
            if (downstream.isEmpty()) {
                throw ProblemException.unprocessable(path, "Driver '" + target + "' does not exist");
            }
            if (downstream.get().archived() && !current.contains(target)) {
                throw ProblemException.unprocessable(path, "Driver '" + target + "' is archived");
            }
        }
    }

    /** Refuses a change of edges that would close a cycle, naming the cycle. */
    void checkAcyclic(Map<String, List<String>> changedEdges) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Driver driver : drivers.listAll()) {
            edges.put(driver.key(), new ArrayList<>(driver.feedsInto()));
        }
        edges.putAll(changedEdges);
        FlowGraph.findCycle(edges).ifPresent(cycle -> {
            String detail = "This change would close a cycle in the revenue flow: " + FlowGraph.describe(cycle)
                    + "; the flow must stay acyclic";
            throw new ProblemException(409, "flow-cycle", "Conflict", detail,
                    List.of(new Problem.Violation("feedsInto", detail)));
        });
    }

    private void publish(Driver driver, String type) {
        String key = "driver:" + driver.key();
        outbox.append(type, key, key, DriverMapper.toEvent(driver), driver.updatedAt());
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the state we publish must equal the state we read back
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static DriverFunction parseFunction(String function) {
        if (function == null || function.isBlank()) {
            return null;
        }
        try {
            return DriverFunction.valueOf(function.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("function", "must be one of " + List.of(DriverFunction.values()));
        }
    }
}
