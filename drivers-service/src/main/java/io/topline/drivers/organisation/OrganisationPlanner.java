package io.topline.drivers.organisation;

import io.topline.drivers.driver.CreateDriverRequest;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.drivers.organisation.OrganisationDefinition.MeasureDefinition;
import io.topline.drivers.organisation.PlannedChange.Action;
import io.topline.drivers.organisation.PlannedChange.Kind;
import io.topline.drivers.target.CreateTargetRequest;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Sort;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares an organisation file that keeps the rules with the stored definitions: the same comparison that decides
 * what apply changes, so a plan says exactly what an apply of the same file at the same moment does.
 */
@ApplicationScoped
public class OrganisationPlanner {

    private final DriverRepository drivers;
    private final MeasureRepository measures;

    public OrganisationPlanner(DriverRepository drivers, MeasureRepository measures) {
        this.drivers = drivers;
        this.measures = measures;
    }

    /** The plan of {@code definition} against the stored definitions, whose ETag is {@code basedOn}. */
    public PlanResponse plan(OrganisationDefinition definition, boolean prune, String basedOn) {
        List<PlannedChange> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, String> ownerByDriver = new HashMap<>();
        for (CreateDriverRequest driver : definition.drivers()) {
            ownerByDriver.put(driver.key(), driver.owner().strip());
            driverChange(driver).ifPresentOrElse(changes::add, () -> unchanged.add("driver:" + driver.key()));
        }
        for (MeasureDefinition measure : definition.measuresOrEmpty()) {
            String driverOwner = ownerByDriver.computeIfAbsent(measure.driverKey(),
                    key -> drivers.findByKey(key).map(Driver::owner).orElse(null));
            measureChange(measure, driverOwner).ifPresentOrElse(changes::add,
                    () -> unchanged.add("measure:" + measure.key()));
        }
        if (prune) {
            changes.addAll(archives(definition));
        }
        return new PlanResponse(false, prune, basedOn, changes, unchanged, summarise(changes, unchanged));
    }

    private Optional<PlannedChange> driverChange(CreateDriverRequest file) {
        Optional<Driver> found = drivers.findByKey(file.key());
        if (found.isEmpty()) {
            return Optional.of(new PlannedChange(Action.CREATE, Kind.DRIVER, file.key(), List.of(), List.of()));
        }
        Driver stored = found.get();
        List<String> fields = new ArrayList<>();
        differs(fields, "name", stored.name(), file.name().strip());
        differs(fields, "function", stored.function(), file.function());
        differs(fields, "owner", stored.owner(), file.owner().strip());
        differs(fields, "description", stored.description(), file.description());
        differs(fields, "feedsInto", stored.feedsInto(), file.feedsIntoOrEmpty());
        return fields.isEmpty() ? Optional.empty()
                : Optional.of(new PlannedChange(Action.UPDATE, Kind.DRIVER, file.key(), fields, List.of()));
    }

    private Optional<PlannedChange> measureChange(MeasureDefinition file, String driverOwner) {
        Optional<Measure> found = measures.findByKey(file.key());
        List<String> targets = targetsAdded(found.map(Measure::targets).orElse(List.of()).stream()
                .map(t -> statement(t.effectiveFrom(), t.successLevel(), t.failureLevel(), t.severity().name(), t.note()))
                .toList(), file.targetsOrEmpty());
        if (found.isEmpty()) {
            return Optional.of(new PlannedChange(Action.CREATE, Kind.MEASURE, file.key(), List.of(), targets));
        }
        Measure stored = found.get();
        List<String> fields = new ArrayList<>();
        differs(fields, "name", stored.name(), file.name().strip());
        differs(fields, "unit", stored.unit(), file.unit());
        differs(fields, "currency", stored.currency(), file.currency());
        differs(fields, "aggregation", stored.aggregation(), file.aggregation());
        differs(fields, "owner", stored.owner(), file.owner() == null ? driverOwner : file.owner().strip());
        differs(fields, "description", stored.description(), file.description());
        differs(fields, "expectedEvery", stored.expectedEvery(), heartbeat(file.expectedEvery()));
        if (!targets.isEmpty()) {
            fields.add("targets");
        }
        return fields.isEmpty() ? Optional.empty()
                : Optional.of(new PlannedChange(Action.UPDATE, Kind.MEASURE, file.key(), fields, targets));
    }

    /** The effectiveFrom of each file target that no stored version (nor an earlier one of the file) states. */
    private static List<String> targetsAdded(List<List<Object>> stated, List<CreateTargetRequest> file) {
        Set<List<Object>> known = new HashSet<>(stated);
        List<String> added = new ArrayList<>();
        for (CreateTargetRequest target : file) {
            // the rules admitted only labels of the calendar, and a label is how its period prints
            List<Object> statement = statement(target.effectiveFrom(),
                    target.successLevel(), target.failureLevel(), target.severity().name(), target.note());
            if (known.add(statement)) {
                added.add(target.effectiveFrom());
            }
        }
        return added;
    }

    /** What a target version says, with its levels in one scale, so that 95 and 95.0 state the same. */
    private static List<Object> statement(String period, BigDecimal success, BigDecimal failure, String severity,
                                          String note) {
        return Arrays.asList(period, success.stripTrailingZeros(), failure.stripTrailingZeros(), severity, note);
    }

    /** With prune: the active measures, then the active drivers, that the file leaves out. */
    private List<PlannedChange> archives(OrganisationDefinition definition) {
        Set<String> fileDrivers = new HashSet<>();
        definition.drivers().forEach(d -> fileDrivers.add(d.key()));
        Set<String> fileMeasures = new HashSet<>();
        definition.measuresOrEmpty().forEach(m -> fileMeasures.add(m.key()));
        List<PlannedChange> archives = new ArrayList<>();
        for (Measure measure : measures.active()) {
            if (!fileMeasures.contains(measure.key())) {
                archives.add(new PlannedChange(Action.ARCHIVE, Kind.MEASURE, measure.key(), List.of(), List.of()));
            }
        }
        for (Driver driver : drivers.active()) {
            if (!fileDrivers.contains(driver.key())) {
                archives.add(new PlannedChange(Action.ARCHIVE, Kind.DRIVER, driver.key(), List.of(), List.of()));
            }
        }
        return archives;
    }

    /**
     * The ETag of all definitions, archived ones included: it changes whenever any driver or measure gets a new
     * revision, or one is added.
     */
    public String stateTag() {
        MessageDigest digest = sha256();
        for (Driver driver : drivers.listAll(Sort.by("key"))) {
            digest.update(("driver:" + driver.key() + ":" + driver.revision() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Measure measure : measures.listAll(Sort.by("key"))) {
            digest.update(("measure:" + measure.key() + ":" + measure.revision() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "org-" + HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A file's heartbeat as a duration, so that PT24H and P1D compare equal; text that is none stays text. */
    private static Object heartbeat(String text) {
        try {
            return text == null ? null : Duration.parse(text);
        } catch (DateTimeParseException e) {
            return text; // differs from anything stored; apply refuses it with a problem naming the field
        }
    }

    private static void differs(List<String> fields, String field, Object stored, Object file) {
        if (!Objects.equals(stored, file)) {
            fields.add(field);
        }
    }

    private static PlanResponse.Summary summarise(List<PlannedChange> changes, List<String> unchanged) {
        return new PlanResponse.Summary(count(changes, Action.CREATE), count(changes, Action.UPDATE),
                count(changes, Action.ARCHIVE), unchanged.size(),
                changes.stream().mapToInt(c -> c.targetsAdded().size()).sum());
    }

    private static int count(List<PlannedChange> changes, Action action) {
        return (int) changes.stream().filter(c -> c.action() == action).count();
    }
}
