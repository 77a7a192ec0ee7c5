package io.topline.alerts.escalation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.alert.AlertService;
import io.topline.alerts.alert.AlertState;
import io.topline.alerts.alert.AlertTransition;
import io.topline.alerts.alert.NotifiedSubscriptions;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.catalog.CatalogDriver;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.catalog.CatalogMeasure;
import io.topline.alerts.catalog.CatalogMeasureRepository;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.time.BoundedDurations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Escalation policies and contacts, and the sweep that takes the steps that fell due for FIRING alerts nobody
 * acknowledged: each step once per firing (recorded in {@code alert_escalation}), under the alert's lock, so replicas
 * sweeping at once take it once. An acknowledgement stops the escalation; a new firing (after a resolve or an
 * acknowledgement that timed out) starts it over.
 */
@ApplicationScoped
public class EscalationService {

    private static final Logger LOG = Logger.getLogger(EscalationService.class);
    private static final Duration MAX_AFTER = Duration.ofDays(30);

    private final EscalationPolicyRepository policies;
    private final ContactRepository contacts;
    private final AlertEscalations taken;
    private final AlertRepository alerts;
    private final AlertService alertService;
    private final CatalogMeasureRepository measures;
    private final CatalogDriverRepository drivers;
    private final SubscriptionRepository subscriptions;
    private final DeliveryService deliveries;
    private final NotifiedSubscriptions notified;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public EscalationService(EscalationPolicyRepository policies, ContactRepository contacts, AlertEscalations taken,
                             AlertRepository alerts, AlertService alertService, CatalogMeasureRepository measures,
                             CatalogDriverRepository drivers, SubscriptionRepository subscriptions,
                             DeliveryService deliveries, NotifiedSubscriptions notified, Clock clock) {
        this.policies = policies;
        this.contacts = contacts;
        this.taken = taken;
        this.alerts = alerts;
        this.alertService = alertService;
        this.measures = measures;
        this.drivers = drivers;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.notified = notified;
        this.clock = clock;
    }

    @Transactional
    public EscalationPolicy create(CreateEscalationPolicyRequest request, String by) {
        List<EscalationStep> steps = steps(request.steps());
        EscalationPolicy policy = new EscalationPolicy(request.name().strip(), orEmpty(request.drivers()),
                orEmpty(request.functions()).stream().map(Enum::name).toList(), orEmpty(request.measures()),
                orEmpty(request.kinds()).stream().map(Enum::name).toList(),
                request.minSeverity() == null ? Severity.INFO : request.minSeverity(), steps, by, clock.instant());
        policies.persist(policy);
        return policy;
    }

    @Transactional
    public Page<EscalationPolicy> list(PageRequest page) {
        return PanachePages.of(policies.find("order by createdAt desc, id"), page);
    }

    @Transactional
    public EscalationPolicy get(UUID id) {
        return policies.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Escalation policy", id.toString()));
    }

    @Transactional
    public EscalationPolicy disable(UUID id) {
        EscalationPolicy policy = get(id);
        policy.disable();
        return policy;
    }

    @Transactional
    public Contact putContact(String email, PutContactRequest request, String by) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        requireSubscriptions(request.routes(), "routes");
        Contact contact = contacts.findByIdOptional(address).orElse(null);
        if (contact == null) {
            contact = new Contact(address, request.name().strip(), request.routes(), by, clock.instant());
            contacts.persist(contact);
        } else {
            contact.update(request.name().strip(), request.routes(), by, clock.instant());
        }
        return contact;
    }

    @Transactional
    public Page<Contact> contacts(PageRequest page) {
        return PanachePages.of(contacts.find("order by email"), page);
    }

    @Transactional
    public Contact contact(String email) {
        return contacts.findByIdOptional(email.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("Contact", email));
    }

    @Transactional
    public void deleteContact(String email) {
        contacts.delete(contact(email));
    }

    /** Takes every step that fell due; returns how many it took. */
    public int escalate() {
        List<EscalationPolicy> active = QuarkusTransaction.requiringNew().call(policies::active);
        if (active.isEmpty()) {
            return 0;
        }
        int steps = 0;
        Instant now = clock.instant();
        for (UUID id : QuarkusTransaction.requiringNew().call(alerts::firingNotified)) {
            try {
                // most firing alerts have no step due: only those that may are locked
                if (!QuarkusTransaction.requiringNew().call(() -> mayHaveStepDue(id, active, now))) {
                    continue;
                }
                steps += QuarkusTransaction.requiringNew().call(() -> escalate(id));
            } catch (RuntimeException e) {
                // one alert's failure must not keep the others from escalating
                LOG.errorf(e, "Could not escalate alert %s", id);
            }
        }
        return steps;
    }

    /** The escalation of the alert's current firing: every covering policy's steps, due and taken. */
    @Transactional
    public EscalationPlanResponse plan(UUID alertId) {
        Alert alert = alertService.get(alertId);
        AlertTransition firing = alert.lastFiring();
        List<EscalationPlanResponse.PolicyPlan> plans = new ArrayList<>();
        for (EscalationPolicy policy : policies.active()) {
            if (!policy.covers(alert)) {
                continue;
            }
            List<EscalationPlanResponse.StepPlan> steps = new ArrayList<>();
            for (EscalationStep step : policy.steps()) {
                AlertEscalations.Taken done = taken.find(alert.id(), policy.id(), firing.sequence(), step.position());
                steps.add(new EscalationPlanResponse.StepPlan(step.position(), BoundedDurations.iso(step.after()),
                        step.targets(), firing.at().plus(step.after()), done == null ? null : done.at(),
                        done == null ? List.of() : done.recipients(), done == null ? List.of() : done.unreached()));
            }
            plans.add(new EscalationPlanResponse.PolicyPlan(policy.id(), policy.name(), steps));
        }
        return new EscalationPlanResponse(alert.id(), alert.state().name(), firing.at(), plans);
    }

    /** Whether a policy covers the alert with a step due and not taken: a read, without the alert's lock. */
    private boolean mayHaveStepDue(UUID alertId, List<EscalationPolicy> active, Instant now) {
        Alert alert = alerts.findById(alertId);
        if (alert == null || alert.state() != AlertState.FIRING) {
            return false;
        }
        AlertTransition firing = alert.lastFiring();
        return active.stream().filter(policy -> policy.covers(alert)).anyMatch(policy -> policy.steps().stream()
                .anyMatch(step -> !firing.at().plus(step.after()).isAfter(now)
                        && taken.find(alert.id(), policy.id(), firing.sequence(), step.position()) == null));
    }

    private int escalate(UUID alertId) {
        Alert alert = alertService.locked(alertId);
        if (alert.state() != AlertState.FIRING || alert.notificationPending() || !alert.silencedBy().isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        AlertTransition firing = alert.lastFiring();
        int count = 0;
        for (EscalationPolicy policy : policies.active()) {
            if (!policy.covers(alert)) {
                continue;
            }
            for (EscalationStep step : policy.steps()) {
                if (firing.at().plus(step.after()).isAfter(now)
                        || taken.find(alert.id(), policy.id(), firing.sequence(), step.position()) != null) {
                    continue;
                }
                take(alert, firing, policy, step, now);
                count++;
            }
        }
        return count;
    }

    /** Notifies the step's targets with the firing's event and records the step as taken. */
    private void take(Alert alert, AlertTransition firing, EscalationPolicy policy, EscalationStep step, Instant now) {
        Set<UUID> recipients = new LinkedHashSet<>();
        List<String> unreached = new ArrayList<>();
        for (String target : step.targets()) {
            List<UUID> routes = routes(alert, target);
            if (routes.isEmpty()) {
                unreached.add(target);
            }
            recipients.addAll(routes);
        }
        String messageId = alert.id() + "-escalation-" + firing.sequence() + "-" + step.position();
        deliveries.scheduleTo(messageId, AlertEventData.typeOf(AlertState.FIRING), now,
                AlertEventData.of(alert, firing), recipients);
        // told of the firing: its acknowledgement's and resolve's receivers include them (a PagerDuty incident closes)
        notified.add(alert.id(), recipients);
        taken.record(alert.id(), policy.id(), firing.sequence(), step.position(), List.copyOf(recipients), unreached,
                now);
    }

    /** The receivers a target reaches: a subscription itself, or the contact routes of the person it names. */
    private List<UUID> routes(Alert alert, String target) {
        if (target.startsWith(EscalationStep.SUBSCRIPTION)) {
            UUID id = UUID.fromString(target.substring(EscalationStep.SUBSCRIPTION.length()));
            return subscriptions.findByIdOptional(id).isPresent() ? List.of(id) : List.of();
        }
        String person = switch (target) {
            case EscalationStep.MEASURE_OWNER -> measures.findByIdOptional(alert.measureKey())
                    .map(CatalogMeasure::owner).orElse(null);
            case EscalationStep.DRIVER_OWNER -> drivers.findByIdOptional(alert.driverKey())
                    .map(CatalogDriver::owner).orElse(null);
            default -> target.substring(EscalationStep.PERSON.length());
        };
        if (person == null) {
            return List.of();
        }
        return contacts.findByIdOptional(person.strip().toLowerCase(Locale.ROOT)).map(Contact::routes)
                .orElse(List.of());
    }

    private List<EscalationStep> steps(List<CreateEscalationPolicyRequest.Step> requested) {
        List<EscalationStep> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < requested.size(); i++) {
            CreateEscalationPolicyRequest.Step step = requested.get(i);
            Duration after = BoundedDurations.parse("steps[" + i + "].after", step.after(), Duration.ZERO, MAX_AFTER);
            if (after.compareTo(previous) < 0) {
                throw ProblemException.unprocessable("steps[" + i + "].after", "must not come before the step "
                        + "ahead of it (" + BoundedDurations.iso(previous) + ")");
            }
            List<UUID> named = step.targets().stream().filter(t -> t.startsWith(EscalationStep.SUBSCRIPTION))
                    .map(t -> UUID.fromString(t.substring(EscalationStep.SUBSCRIPTION.length()))).toList();
            requireSubscriptions(named, "steps[" + i + "].targets");
            steps.add(new EscalationStep(i, after, step.targets()));
            previous = after;
        }
        return steps;
    }

    private void requireSubscriptions(List<UUID> ids, String field) {
        List<Problem.Violation> violations = ids.stream().filter(id -> subscriptions.findByIdOptional(id).isEmpty())
                .map(id -> new Problem.Violation(field, "no subscription has the id " + id)).toList();
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("Every route must be an existing subscription", violations);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
