package io.topline.drivers.organisation;

import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.time.BoundedDurations;
import io.topline.drivers.driver.CreateDriverRequest;
import io.topline.drivers.driver.Driver;
import io.topline.drivers.driver.DriverRepository;
import io.topline.drivers.driver.DriverService;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.drivers.measure.MeasureService;
import io.topline.drivers.organisation.OrganisationDefinition.MeasureDefinition;
import io.topline.drivers.organisation.PlannedChange.Action;
import io.topline.drivers.organisation.PlannedChange.Kind;
import io.topline.drivers.target.CreateTargetRequest;
import io.topline.drivers.target.Period;
import io.topline.drivers.target.Target;
import io.topline.drivers.web.Revisions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Comparator;
import java.util.List;

/**
 * Definitions as code: validates an organisation file against the stored definitions, plans its difference, applies
 * it in one transaction (all or nothing, idempotent, optionally archiving what it leaves out) and exports the current
 * definitions as a file that applies with an empty plan. Every change publishes its definition event through the
 * outbox in that same transaction.
 */
@ApplicationScoped
public class OrganisationService {

    private static final Comparator<Problem.Violation> FILE_ORDER = Comparator
            .comparing((Problem.Violation v) -> v.line() == null ? Integer.MAX_VALUE : v.line())
            .thenComparing(v -> v.column() == null ? Integer.MAX_VALUE : v.column())
            .thenComparing(Problem.Violation::field);

    private final DriverRepository drivers;
    private final MeasureRepository measures;
    private final DriverService driverService;
    private final MeasureService measureService;
    private final OrganisationRules rules;
    private final OrganisationPlanner planner;
    private final FiscalCalendar calendar;

    public OrganisationService(DriverRepository drivers, MeasureRepository measures, DriverService driverService,
                               MeasureService measureService, OrganisationRules rules, OrganisationPlanner planner,
                               FiscalCalendar calendar) {
        this.drivers = drivers;
        this.measures = measures;
        this.driverService = driverService;
        this.measureService = measureService;
        this.rules = rules;
        this.planner = planner;
        this.calendar = calendar;
    }

    /** Checks the file as apply would (with prune or not), and counts what it holds. */
    @Transactional
    public ValidationResponse validate(OrganisationFile file, boolean prune) {
        check(file, prune);
        OrganisationDefinition definition = file.definition();
        return new ValidationResponse(true, definition.drivers().size(), definition.measuresOrEmpty().size(),
                definition.measuresOrEmpty().stream().mapToInt(m -> m.targetsOrEmpty().size()).sum());
    }

    @Transactional
    public PlanResponse plan(OrganisationFile file, boolean prune) {
        check(file, prune);
        return planner.plan(file.definition(), prune, planner.stateTag());
    }

    /**
     * Applies the file: under the flow lock, so that the rules and the plan hold until commit; any violation
     * applies nothing. {@code ifMatch} is a plan's {@code basedOn}: required with prune, so that an apply archives
     * only what someone saw planned, and checked whenever it is given.
     */
    @Transactional
    public PlanResponse apply(OrganisationFile file, boolean prune, String ifMatch) {
        drivers.lockFlow();
        String basedOn = planner.stateTag();
        Revisions.check(ifMatch, basedOn, prune);
        check(file, prune);
        PlanResponse plan = planner.plan(file.definition(), prune, basedOn);
        for (CreateDriverRequest driver : file.definition().drivers()) {
            driverService.apply(driver);
        }
        for (MeasureDefinition measure : file.definition().measuresOrEmpty()) {
            MeasureService.Applied applied = measureService.apply(measure.toRequest());
            boolean added = addMissingTargets(applied.measure(), measure);
            if (applied.changed() || added) {
                measureService.publish(applied.measure());
            }
        }
        archive(plan, Kind.MEASURE);
        archive(plan, Kind.DRIVER);
        return new PlanResponse(true, prune, basedOn, plan.changes(), plan.unchanged(), plan.summary());
    }

    /** The ETag of the definitions as they stand: what a plan's {@code basedOn} and an export's ETag say. */
    @Transactional
    public String stateTag() {
        return planner.stateTag();
    }

    /** The active definitions as an organisation file, every target version in order. */
    @Transactional
    public OrganisationDefinition export() {
        List<CreateDriverRequest> activeDrivers = drivers.active().stream().map(OrganisationService::toFile).toList();
        List<MeasureDefinition> activeMeasures = measures.active().stream().map(OrganisationService::toFile).toList();
        return new OrganisationDefinition(CalendarDefinition.of(calendar), activeDrivers, activeMeasures);
    }

    /** Refuses a file that breaks any rule, listing the violations in file order (those without a line last). */
    private void check(OrganisationFile file, boolean prune) {
        List<Problem.Violation> violations = rules.check(file, prune);
        if (!violations.isEmpty()) {
            List<Problem.Violation> inFileOrder = file.locate(violations).stream().sorted(FILE_ORDER).toList();
            throw ProblemException.unprocessable("The organisation file has " + violations.size()
                    + " problem(s); nothing was applied", inFileOrder);
        }
    }

    /** Adds the file's target versions that the measure does not state yet; returns whether it added any. */
    private boolean addMissingTargets(Measure measure, MeasureDefinition item) {
        boolean added = false;
        for (CreateTargetRequest target : item.targetsOrEmpty()) {
            Period period = Period.parse(calendar, target.effectiveFrom()).orElseThrow();
            boolean stated = measure.targets().stream().anyMatch(t -> t.states(period, target.successLevel(),
                    target.failureLevel(), target.severity(), target.note()));
            if (!stated) {
                measure.addTarget(period, target.successLevel(), target.failureLevel(), target.severity(),
                        target.note(), measureService.now());
                added = true;
            }
        }
        return added;
    }

    private void archive(PlanResponse plan, Kind kind) {
        plan.changes().stream().filter(c -> c.action() == Action.ARCHIVE && c.kind() == kind).forEach(change -> {
            if (kind == Kind.MEASURE) {
                measureService.archiveWithin(change.key());
            } else {
                driverService.archiveWithin(change.key());
            }
        });
    }

    private static CreateDriverRequest toFile(Driver driver) {
        return new CreateDriverRequest(driver.key(), driver.name(), driver.function(), driver.owner(),
                driver.description(), driver.feedsInto());
    }

    private static MeasureDefinition toFile(Measure measure) {
        return new MeasureDefinition(measure.key(), measure.driver().key(), measure.name(), measure.unit(),
                measure.currency(), measure.aggregation(), measure.direction(), measure.cadence(), measure.owner(),
                measure.description(),
                measure.expectedEvery() == null ? null : BoundedDurations.iso(measure.expectedEvery()),
                measure.targets().stream().map(OrganisationService::toFile).toList());
    }

    private static CreateTargetRequest toFile(Target target) {
        return new CreateTargetRequest(target.effectiveFrom(), target.successLevel(), target.failureLevel(),
                target.severity(), target.note());
    }
}
