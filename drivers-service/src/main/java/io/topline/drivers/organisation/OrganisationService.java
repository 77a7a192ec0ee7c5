package io.topline.drivers.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.time.BoundedDurations;
import io.topline.drivers.alerting.AlertingClient;
import io.topline.drivers.alerting.AlertingPlan;
import io.topline.drivers.alerting.AlertingUnavailableException;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Definitions as code: validates an organisation file against the stored definitions, plans its difference, applies
 * it in one transaction (all or nothing, idempotent, optionally archiving what it leaves out) and exports the current
 * definitions as a file that applies with an empty plan. Every change publishes its definition event through the
 * outbox in that same transaction.
 *
 * <p>A file's alerting sections are alerts-service's: planned there in the same plan, applied there last, inside this
 * service's transaction, so that any refusal or failure of either side applies nothing here. Only a failure after
 * alerts-service committed (this commit failing) leaves its part applied alone; its apply is idempotent, so applying
 * the same file again completes it. A file without alerting sections never calls alerts-service.
 */
@ApplicationScoped
public class OrganisationService {

    /** How long one plan may spend on backtests in all, so that re-targeting hundreds of measures plans in time. */
    private static final Duration BACKTEST_BUDGET = Duration.ofSeconds(10);

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
    private final AlertingClient alerting;
    private final ObjectMapper mapper;

    @SuppressWarnings("java:S107")
    public OrganisationService(DriverRepository drivers, MeasureRepository measures, DriverService driverService,
                               MeasureService measureService, OrganisationRules rules, OrganisationPlanner planner,
                               FiscalCalendar calendar, AlertingClient alerting, ObjectMapper mapper) {
        this.alerting = alerting;
        this.mapper = mapper;
        this.drivers = drivers;
        this.measures = measures;
        this.driverService = driverService;
        this.measureService = measureService;
        this.rules = rules;
        this.planner = planner;
        this.calendar = calendar;
    }

    /**
     * Checks the file as apply would (with prune or not), and counts what it holds. The alerting sections are checked
     * against the schema only (the reader did): validate never calls alerts-service.
     */
    @Transactional
    public ValidationResponse validate(OrganisationFile file, boolean prune) {
        check(file, prune);
        OrganisationDefinition definition = file.definition();
        return new ValidationResponse(true, definition.drivers().size(), definition.measuresOrEmpty().size(),
                definition.measuresOrEmpty().stream().mapToInt(m -> m.targetsOrEmpty().size()).sum(),
                size(definition.receivers()), size(definition.silences()), size(definition.escalationPolicies()),
                size(definition.contacts()));
    }

    /**
     * The plan of the drivers' part, with a backtest of each new target version of a stored measure, and of the
     * alerting sections (alerts-service's plan) in one answer; the violations of both sides are refused together.
     */
    @Transactional
    public PlanResponse plan(OrganisationFile file, boolean prune) {
        AlertingPlan alertingPlan = checkBoth(file, prune);
        PlanResponse plan = planner.plan(file.definition(), prune, planner.stateTag());
        return merge(withBacktests(plan, file.definition()), alertingPlan);
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
        OrganisationDefinition definition = file.definition();
        if (!definition.managesAlerting()) {
            OrganisationTag.checkDrivers(ifMatch, basedOn, basedOn, prune);
            check(file, prune);
            return applyDrivers(file, prune, basedOn);
        }
        AlertingPlan alertingPlan = checkBoth(file, prune);
        String combined = OrganisationTag.of(basedOn, alertingPlan.basedOn());
        OrganisationTag tag = OrganisationTag.checkDrivers(ifMatch, basedOn, combined, prune);
        String alertingIfMatch = OrganisationTag.alertingIfMatch(tag, ifMatch, combined, prune);
        if (alertingIfMatch != null && !alertingIfMatch.equals("*") && !alertingIfMatch.equals(alertingPlan.basedOn())) {
            throw OrganisationTag.stale(ifMatch, combined);
        }
        PlanResponse applied = applyDrivers(file, prune, basedOn);
        // every driver and measure change is written before alerts-service applies, so that a database refusal here
        // comes first; alerts-service's own refusal or failure then rolls this transaction back
        drivers.flush();
        AlertingPlan alertingApplied = alerting.apply(sections(definition), prune, alertingIfMatch);
        return merge(applied, alertingApplied);
    }

    private PlanResponse applyDrivers(OrganisationFile file, boolean prune, String basedOn) {
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

    /**
     * The export with its ETag; {@code withAlerting} (the caller may read them: alerts-service exports them to
     * admins) adds alerts-service's sections, and the ETag names both parts.
     */
    @Transactional
    public Exported export(boolean withAlerting) {
        OrganisationDefinition own = export();
        String tag = planner.stateTag();
        if (!withAlerting) {
            return new Exported(own, tag);
        }
        AlertingClient.Export sections = alerting.export();
        JsonNode s = sections.sections();
        return new Exported(new OrganisationDefinition(own.calendar(), own.drivers(), own.measures(),
                list(s.get("receivers")), list(s.get("silences")), list(s.get("escalationPolicies")),
                list(s.get("contacts")), null), OrganisationTag.of(tag, sections.etag()));
    }

    /** An export and the ETag an apply with prune names in If-Match. */
    public record Exported(OrganisationDefinition definition, String etag) {
    }

    /**
     * Checks the drivers' part and, for a file with alerting sections, has alerts-service plan them: one 422 lists
     * the violations of both, located in the file. Answers alerts-service's plan, or null for a file without them.
     */
    private AlertingPlan checkBoth(OrganisationFile file, boolean prune) {
        List<Problem.Violation> violations = new ArrayList<>(rules.check(file, prune));
        if (!file.definition().managesAlerting()) {
            refuseIfAny(file, violations);
            return null;
        }
        AlertingPlan plan;
        try {
            plan = alerting.plan(sections(file.definition()), prune);
        } catch (ProblemException refused) {
            if (refused.violations() != null && (refused.status() == 400 || refused.status() == 422)) {
                violations.addAll(refused.violations());
            }
            refuseIfAny(file, violations);
            throw refused;
        } catch (AlertingUnavailableException unavailable) {
            // the drivers' own violations are the caller's to fix first, whether alerts-service is there or not
            refuseIfAny(file, violations);
            throw unavailable;
        }
        refuseIfAny(file, violations);
        return plan;
    }

    /** The file's alerting sections and secrets, as alerts-service's /alerting-definitions takes them. */
    ObjectNode sections(OrganisationDefinition definition) {
        ObjectNode body = mapper.createObjectNode();
        putIfPresent(body, "receivers", definition.receivers());
        putIfPresent(body, "silences", definition.silences());
        putIfPresent(body, "escalationPolicies", definition.escalationPolicies());
        putIfPresent(body, "contacts", definition.contacts());
        if (definition.secrets() != null) {
            body.set("secrets", mapper.valueToTree(definition.secrets()));
        }
        return body;
    }

    private void putIfPresent(ObjectNode body, String section, List<JsonNode> items) {
        if (items != null) {
            body.set(section, mapper.createArrayNode().addAll(items));
        }
    }

    /**
     * Each new target version of a measure that exists already, run over its last periods by alerts-service. The
     * calls stop at the first that alerts-service cannot answer and once {@link #BACKTEST_BUDGET} is spent: the rest
     * say so, and the plan (a database transaction) never waits a timeout per target.
     */
    private PlanResponse withBacktests(PlanResponse plan, OrganisationDefinition definition) {
        long deadline = System.nanoTime() + BACKTEST_BUDGET.toNanos();
        String[] stopped = {null};
        List<PlannedChange> changes = plan.changes().stream().map(change -> {
            if (change.action() != Action.UPDATE || change.kind() != Kind.MEASURE || change.targetsAdded().isEmpty()) {
                return change;
            }
            MeasureDefinition measure = definition.measuresOrEmpty().stream()
                    .filter(m -> m.key().equals(change.key())).findFirst().orElseThrow();
            List<CreateTargetRequest> remaining = new ArrayList<>(measure.targetsOrEmpty());
            List<PlannedChange.TargetBacktest> backtests = new ArrayList<>();
            for (String period : change.targetsAdded()) {
                // the file's last target of that period is the version the plan adds last, and so the one in effect
                CreateTargetRequest target = remaining.stream().filter(t -> t.effectiveFrom().equals(period))
                        .reduce((first, second) -> second).orElseThrow();
                if (stopped[0] == null && System.nanoTime() > deadline) {
                    stopped[0] = "no backtest: the plan's " + BACKTEST_BUDGET.toSeconds()
                            + " s for backtests were spent";
                }
                if (stopped[0] != null) {
                    backtests.add(new PlannedChange.TargetBacktest(period, null, stopped[0]));
                    continue;
                }
                AlertingClient.Backtest backtest = alerting.backtest(measure.key(), target.successLevel(),
                        target.failureLevel());
                if (backtest.result() == null) {
                    stopped[0] = backtest.unavailable();
                }
                backtests.add(new PlannedChange.TargetBacktest(period, backtest.result(), backtest.unavailable()));
            }
            return change.withBacktests(backtests);
        }).toList();
        return new PlanResponse(plan.applied(), plan.prune(), plan.basedOn(), changes, plan.unchanged(),
                plan.summary());
    }

    /** One answer for both services: their changes, what stays, a summary of all, and the combined ETag. */
    static PlanResponse merge(PlanResponse own, AlertingPlan alertingPlan) {
        if (alertingPlan == null) {
            return own;
        }
        List<PlannedChange> alertingChanges = alertingPlan.changes().stream()
                .map(c -> new PlannedChange(Action.valueOf(c.action()), Kind.valueOf(c.kind()), c.key(),
                        c.fields() == null ? List.of() : c.fields(), List.of(), List.of(), c.secret()))
                .toList();
        List<PlannedChange> changes = Stream.concat(own.changes().stream(), alertingChanges.stream()).toList();
        List<String> unchanged = Stream.concat(own.unchanged().stream(), alertingPlan.unchanged().stream()).toList();
        PlanResponse.Summary summary = new PlanResponse.Summary(count(changes, Action.CREATE),
                count(changes, Action.UPDATE), count(changes, Action.ARCHIVE), unchanged.size(),
                own.summary().targetsAdded());
        return new PlanResponse(own.applied(), own.prune(), OrganisationTag.of(own.basedOn(), alertingPlan.basedOn()),
                changes, unchanged, summary);
    }

    private static int count(List<PlannedChange> changes, Action action) {
        return (int) changes.stream().filter(c -> c.action() == action).count();
    }

    private static Integer size(List<?> section) {
        return section == null ? null : section.size();
    }

    private static List<JsonNode> list(JsonNode section) {
        List<JsonNode> items = new ArrayList<>();
        if (section != null) {
            section.forEach(items::add);
        }
        return items;
    }

    /** Refuses a file that breaks any rule, listing the violations in file order (those without a line last). */
    private void check(OrganisationFile file, boolean prune) {
        refuseIfAny(file, rules.check(file, prune));
    }

    private static void refuseIfAny(OrganisationFile file, List<Problem.Violation> violations) {
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
