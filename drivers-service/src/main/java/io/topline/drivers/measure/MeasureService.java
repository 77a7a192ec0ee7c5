package io.topline.drivers.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.topline.drivers.DefinitionsConfig;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.chassis.outbox.Outbox;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.time.BoundedDurations;
import io.topline.drivers.target.TargetResponse;
import io.topline.drivers.web.MergePatches;
import io.topline.drivers.web.ReadOnlyFields;
import io.topline.drivers.web.Revisions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Owns the measure lifecycle: the focus rule, units and currencies, transactions and the measure events. */
@ApplicationScoped
public class MeasureService {

    public static final String DEFINED = "topline.measure.defined";
    public static final String ARCHIVED = "topline.measure.archived";
    private static final Duration MIN_HEARTBEAT = Duration.ofMinutes(5);
    private static final Duration MAX_HEARTBEAT = Duration.ofDays(92);

    private final MeasureRepository measures;
    private final DriverRepository drivers;
    private final Outbox outbox;
    private final DefinitionsConfig config;
    private final MergePatches patches;
    private final Clock clock;

    public MeasureService(MeasureRepository measures, DriverRepository drivers, Outbox outbox, DefinitionsConfig config,
                          MergePatches patches, Clock clock) {
        this.measures = measures;
        this.patches = patches;
        this.drivers = drivers;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Measure create(CreateMeasureRequest request) {
        if (measures.findByKey(request.key()).isPresent()) {
            throw ProblemException.conflict("duplicate-key", "key",
                    "A measure with key '" + request.key() + "' already exists (keys are never reused)");
        }
        // the driver's row lock makes the focus rule hold when two measures are added at once
        Driver driver = drivers.lockByKey(request.driverKey())
                .orElseThrow(() -> ProblemException.unprocessable("driverKey",
                        "Driver '" + request.driverKey() + "' does not exist"));
        if (driver.archived()) {
            throw ProblemException.unprocessable("driverKey",
                    "Driver '" + driver.key() + "' is archived and takes no new measures");
        }
        checkFocus(driver, 1);
        checkCurrency(request.unit(), request.currency());
        String owner = request.owner() == null ? driver.owner() : request.owner().strip();
        Measure measure = new Measure(request.key(), driver, request.name().strip(), request.unit(),
                request.currency(), request.aggregation(), request.direction(), request.cadence(), owner,
                request.description(), expectedEvery(request.expectedEvery()), now());
        measures.persist(measure);
        publish(measure);
        return measure;
    }

    @Transactional
    public Measure update(String key, UpdateMeasureRequest request, String ifMatch) {
        Measure measure = measures.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Measure", key));
        Revisions.check(ifMatch, measure.revision(), true);
        return replace(measure, request);
    }

    /** Applies a JSON Merge Patch to the measure as GET shows it, then updates it as a PUT of the result would. */
    @Transactional
    public Measure patch(String key, String mergePatch, String ifMatch) throws JsonProcessingException {
        Measure measure = measures.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Measure", key));
        Revisions.check(ifMatch, measure.revision(), true);
        return replace(measure, patches.apply(MeasureMapper.toResponse(measure), mergePatch,
                UpdateMeasureRequest.class));
    }

    private Measure replace(Measure measure, UpdateMeasureRequest request) {
        checkReadOnly(measure, request);
        checkCurrency(request.unit(), request.currency());
        String owner = request.owner() == null ? measure.driver().owner() : request.owner().strip();
        if (measure.change(request.name().strip(), request.unit(), request.currency(), request.aggregation(), owner,
                request.description(), expectedEvery(request.expectedEvery()), now())) {
            publish(measure);
        }
        return measure;
    }

    private static void checkReadOnly(Measure measure, UpdateMeasureRequest request) {
        ReadOnlyFields.check("key", request.key(), measure.key());
        ReadOnlyFields.check("driverKey", request.driverKey(), measure.driver().key());
        ReadOnlyFields.check("direction", request.direction(), measure.direction());
        ReadOnlyFields.check("cadence", request.cadence(), measure.cadence());
        ReadOnlyFields.check("archived", request.archived(), measure.archived());
        ReadOnlyFields.check("revision", request.revision(), measure.revision());
        ReadOnlyFields.check("createdAt", request.createdAt(), measure.createdAt());
        ReadOnlyFields.check("updatedAt", request.updatedAt(), measure.updatedAt());
        if (request.targets() != null
                && !comparable(request.targets()).equals(comparable(MeasureMapper.toResponse(measure).targets()))) {
            throw ProblemException.unprocessable("targets", "'targets' is read-only here: send the targets GET "
                    + "returned, or none, and add a target version with POST /measures/" + measure.key() + "/targets");
        }
    }

    /** Targets with their levels in one scale, so that 95 and 95.0 (a client's JSON round trip) compare equal. */
    private static List<TargetResponse> comparable(List<TargetResponse> targets) {
        return targets.stream().map(t -> new TargetResponse(t.version(), t.effectiveFrom(), stripped(t.successLevel()),
                stripped(t.failureLevel()), t.severity(), t.note(), t.createdAt(), t.supersededBy())).toList();
    }

    private static BigDecimal stripped(BigDecimal level) {
        return level == null ? null : level.stripTrailingZeros();
    }

    @Transactional
    public Measure archive(String key, String ifMatch) {
        Measure measure = measures.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Measure", key));
        Revisions.check(ifMatch, measure.revision(), true);
        measure.archive(now());
        publish(measure);
        return measure;
    }

    /** Archives an active measure in the caller's transaction (an organisation file's prune). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void archiveWithin(String key) {
        Measure measure = measures.lockByKey(key).orElseThrow(() -> ProblemException.notFound("Measure", key));
        measure.archive(now());
        publish(measure);
    }

    /** Archives every active measure of a driver that is being archived, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void archiveAllOf(Driver driver) {
        for (Measure measure : measures.lockActiveOf(driver)) {
            measure.archive(now());
            publish(measure);
        }
    }

    @Transactional
    public Measure get(String key) {
        return measures.findByKey(key).orElseThrow(() -> ProblemException.notFound("Measure", key));
    }

    @Transactional
    public Page<Measure> list(String driverKey, boolean includeArchived, PageRequest page) {
        return measures.search(driverKey, includeArchived, page);
    }

    /**
     * Creates or changes a measure to match a definition the importer already checked.
     *
     * The caller publishes once it has also applied the targets, so that one import is one event per measure.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied apply(CreateMeasureRequest definition) {
        Driver driver = drivers.lockByKey(definition.driverKey()).orElseThrow();
        String owner = definition.owner() == null ? driver.owner() : definition.owner().strip();
        Optional<Measure> existing = measures.lockByKey(definition.key());
        if (existing.isEmpty()) {
            Measure measure = new Measure(definition.key(), driver, definition.name().strip(), definition.unit(),
                    definition.currency(), definition.aggregation(), definition.direction(), definition.cadence(),
                    owner, definition.description(), expectedEvery(definition.expectedEvery()), now());
            measures.persist(measure);
            return new Applied(measure, true);
        }
        Measure measure = existing.get();
        return new Applied(measure, measure.change(definition.name().strip(), definition.unit(),
                definition.currency(), definition.aggregation(), owner, definition.description(),
                expectedEvery(definition.expectedEvery()), now()));
    }

    /** A heartbeat from every 5 minutes (a source polled by a job) to once a quarter. */
    private static Duration expectedEvery(String text) {
        return BoundedDurations.parse("expectedEvery", text, MIN_HEARTBEAT, MAX_HEARTBEAT);
    }

    /** A measure after an import applied its definition, and whether that changed it. */
    public record Applied(Measure measure, boolean changed) {
    }

    /** Refuses a measure beyond the focus rule; {@code adding} is how many measures the change adds. */
    public void checkFocus(Driver driver, int adding) {
        List<Measure> active = measures.activeOf(driver);
        int max = config.maxActiveMeasuresPerDriver();
        if (active.size() + adding > max) {
            throw ProblemException.conflict("focus-rule", "driverKey", "Driver '" + driver.key() + "' already has "
                    + active.size() + " active measure(s) (" + String.join(", ", active.stream().map(Measure::key).toList())
                    + "); a driver keeps at most " + max + " so that its owner stays focused on the one or two numbers "
                    + "that move it. Archive one first, or change topline.definitions.max-active-measures-per-driver.");
        }
    }

    /** CURRENCY needs a known ISO 4217 code, and only CURRENCY may have one. */
    public static void checkCurrency(Unit unit, String currency) {
        if (unit == Unit.CURRENCY && currency == null) {
            throw ProblemException.unprocessable("currency", "A CURRENCY measure needs an ISO 4217 currency code");
        }
        if (unit != Unit.CURRENCY && currency != null) {
            throw ProblemException.unprocessable("currency", "Only a CURRENCY measure has a currency; this one is " + unit);
        }
        if (currency != null && Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(currency))) {
            throw ProblemException.unprocessable("currency", "'" + currency + "' is not an ISO 4217 currency code");
        }
    }

    /** Publishes the measure's whole state, target schedule included, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Measure measure) {
        String key = "measure:" + measure.key();
        outbox.append(measure.archived() ? ARCHIVED : DEFINED, key, key, MeasureMapper.toEvent(measure),
                measure.updatedAt());
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
