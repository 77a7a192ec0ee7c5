package io.topline.alerts.definition;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.definition.AlertingDefinitions.ContactDefinition;
import io.topline.alerts.definition.AlertingDefinitions.EscalationPolicyDefinition;
import io.topline.alerts.definition.AlertingPlan.Action;
import io.topline.alerts.definition.AlertingPlan.Kind;
import io.topline.alerts.escalation.Contact;
import io.topline.alerts.escalation.ContactRepository;
import io.topline.alerts.escalation.CreateEscalationPolicyRequest;
import io.topline.alerts.escalation.EscalationPolicy;
import io.topline.alerts.escalation.EscalationPolicyRepository;
import io.topline.alerts.escalation.EscalationService;
import io.topline.alerts.escalation.EscalationStep;
import io.topline.alerts.escalation.PutContactRequest;
import io.topline.alerts.subscription.AlertSelector;
import io.topline.alerts.subscription.DriverFunction;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.time.BoundedDurations;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The escalation policies and contacts sections. A policy is redefined in place (its steps already taken stay
 * taken); a target or route names a receiver by key ({@code receiver:<key>}), which becomes its subscription id
 * when applied. With prune, policies the file leaves out are disabled and contacts deleted.
 */
@ApplicationScoped
class EscalationDefinitions {

    private static final String RECEIVER = "receiver:";
    private static final Duration MAX_AFTER = Duration.ofDays(30);

    private final EscalationPolicyRepository policies;
    private final ContactRepository contacts;
    private final EscalationService service;
    private final SubscriptionRepository subscriptions;

    EscalationDefinitions(EscalationPolicyRepository policies, ContactRepository contacts, EscalationService service,
                          SubscriptionRepository subscriptions) {
        this.policies = policies;
        this.contacts = contacts;
        this.service = service;
        this.subscriptions = subscriptions;
    }

    /** Plans the policies; {@code receivers} are the keys a target may name (the file's and the active ones). */
    void planPolicies(List<EscalationPolicyDefinition> items, Set<String> receivers, boolean prune, String person,
                      PlanBuilder plan) {
        Map<String, EscalationPolicy> stored = policies.listAll().stream()
                .collect(Collectors.toMap(EscalationPolicy::slug, Function.identity()));
        Map<UUID, String> keysById = keysById();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            EscalationPolicyDefinition item = items.get(i);
            String path = "escalationPolicies[" + i + "]";
            if (!keys.add(item.key())) {
                plan.violation(path + ".key", "escalation policy '" + item.key() + "' is listed twice");
                continue;
            }
            if (!checkSteps(item, receivers, path, plan)) {
                continue;
            }
            EscalationPolicy current = stored.get(item.key());
            if (current == null) {
                plan.change(Action.CREATE, Kind.ESCALATION_POLICY, item.key(), List.of(), () -> {
                    service.create(toRequest(item), person).rekey(item.key());
                    return null;
                });
                continue;
            }
            List<String> fields = differences(current, item, keysById);
            if (fields.isEmpty()) {
                plan.unchanged(Kind.ESCALATION_POLICY, item.key());
            } else {
                plan.change(Action.UPDATE, Kind.ESCALATION_POLICY, item.key(), fields, () -> {
                    current.redefine(item.name().strip(), selector(item), steps(item));
                    return null;
                });
            }
        }
        if (prune) {
            stored.values().stream().filter(EscalationPolicy::active).filter(p -> !keys.contains(p.slug()))
                    .sorted(Comparator.comparing(EscalationPolicy::slug))
                    .forEach(p -> plan.change(Action.ARCHIVE, Kind.ESCALATION_POLICY, p.slug(), List.of(), () -> {
                        p.disable();
                        return null;
                    }));
        }
    }

    void planContacts(List<ContactDefinition> items, Set<String> receivers, boolean prune, String person,
                      PlanBuilder plan) {
        Map<String, Contact> stored = contacts.listAll().stream()
                .collect(Collectors.toMap(Contact::email, Function.identity()));
        Map<UUID, String> keysById = keysById();
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ContactDefinition item = items.get(i);
            String path = "contacts[" + i + "]";
            String email = item.email().strip().toLowerCase(Locale.ROOT);
            if (!emails.add(email)) {
                plan.violation(path + ".email", "contact '" + email + "' is listed twice");
                continue;
            }
            int before = plan.violations().size();
            for (int r = 0; r < item.routes().size(); r++) {
                requireReceiver(item.routes().get(r), receivers, path + ".routes[" + r + "]", plan);
            }
            if (plan.violations().size() > before) {
                continue;
            }
            Contact current = stored.get(email);
            List<String> fields = new ArrayList<>();
            if (current != null) {
                add(fields, "name", current.name(), item.name().strip());
                add(fields, "routes", current.routes().stream().map(keysById::get).toList(),
                        item.routes().stream().distinct().toList());
            }
            if (current != null && fields.isEmpty()) {
                plan.unchanged(Kind.CONTACT, email);
            } else {
                plan.change(current == null ? Action.CREATE : Action.UPDATE, Kind.CONTACT, email, fields, () -> {
                    service.putContact(email, new PutContactRequest(item.name(), item.routes().stream()
                            .map(this::idOf).toList()), person);
                    return null;
                });
            }
        }
        if (prune) {
            stored.values().stream().filter(c -> !emails.contains(c.email()))
                    .sorted(Comparator.comparing(Contact::email))
                    .forEach(c -> plan.change(Action.ARCHIVE, Kind.CONTACT, c.email(), List.of(), () -> {
                        contacts.delete(c);
                        return null;
                    }));
        }
    }

    List<EscalationPolicyDefinition> exportPolicies() {
        Map<UUID, String> keysById = keysById();
        return policies.active().stream().sorted(Comparator.comparing(EscalationPolicy::slug))
                .map(p -> new EscalationPolicyDefinition(p.slug(), p.name(),
                        ReceiverDefinitions.emptyToNull(p.drivers()),
                        ReceiverDefinitions.emptyToNull(p.functions().stream().map(DriverFunction::valueOf).toList()),
                        ReceiverDefinitions.emptyToNull(p.measures()),
                        ReceiverDefinitions.emptyToNull(p.kinds().stream().map(AlertKind::valueOf).toList()),
                        p.minSeverity() == Severity.INFO ? null : p.minSeverity(), fileSteps(p, keysById)))
                .toList();
    }

    List<ContactDefinition> exportContacts() {
        Map<UUID, String> keysById = keysById();
        return contacts.listAll().stream().sorted(Comparator.comparing(Contact::email))
                .map(c -> new ContactDefinition(c.email(), c.name(), c.routes().stream().map(keysById::get)
                        .filter(Objects::nonNull).toList()))
                .toList();
    }

    private boolean checkSteps(EscalationPolicyDefinition item, Set<String> receivers, String path,
                               PlanBuilder plan) {
        int before = plan.violations().size();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < item.steps().size(); i++) {
            EscalationPolicyDefinition.Step step = item.steps().get(i);
            String field = path + ".steps[" + i + "]";
            String name = "steps[" + i + "].after";
            Duration after = plan.attempt(path, () -> BoundedDurations.parse(name, step.after(), Duration.ZERO,
                    MAX_AFTER));
            if (after != null && after.compareTo(previous) < 0) {
                plan.violation(field + ".after", "must not come before the step ahead of it ("
                        + BoundedDurations.iso(previous) + ")");
            }
            previous = after == null ? previous : after;
            for (int t = 0; t < step.targets().size(); t++) {
                String target = step.targets().get(t);
                if (target.startsWith(RECEIVER)) {
                    requireReceiver(target.substring(RECEIVER.length()), receivers, field + ".targets[" + t + "]",
                            plan);
                }
            }
        }
        return plan.violations().size() == before;
    }

    private static void requireReceiver(String key, Set<String> receivers, String field, PlanBuilder plan) {
        if (!receivers.contains(key)) {
            plan.violation(field, "receiver '" + key + "' is neither in the file nor an active receiver");
        }
    }

    private static List<String> differences(EscalationPolicy current, EscalationPolicyDefinition item,
                                            Map<UUID, String> keysById) {
        List<String> fields = new ArrayList<>();
        AlertSelector filters = selector(item);
        add(fields, "name", current.name(), item.name().strip());
        add(fields, "drivers", current.drivers(), filters.drivers());
        add(fields, "functions", current.functions(), filters.functions());
        add(fields, "measures", current.measures(), filters.measures());
        add(fields, "kinds", current.kinds(), filters.kinds());
        add(fields, "minSeverity", current.minSeverity(), filters.minSeverity());
        List<String> storedSteps = fileSteps(current, keysById).stream()
                .map(s -> Duration.parse(s.after()) + " " + s.targets()).toList();
        List<String> fileSteps = item.steps().stream()
                .map(s -> Duration.parse(s.after()) + " " + s.targets()).toList();
        add(fields, "steps", storedSteps, fileSteps);
        add(fields, "active", current.active(), true);
        return fields;
    }

    private static List<EscalationPolicyDefinition.Step> fileSteps(EscalationPolicy policy,
                                                                   Map<UUID, String> keysById) {
        return policy.steps().stream().map(s -> new EscalationPolicyDefinition.Step(BoundedDurations.iso(s.after()),
                s.targets().stream().map(t -> t.startsWith(EscalationStep.SUBSCRIPTION)
                        ? RECEIVER + keysById.get(UUID.fromString(t.substring(EscalationStep.SUBSCRIPTION.length())))
                        : t).toList())).toList();
    }

    private CreateEscalationPolicyRequest toRequest(EscalationPolicyDefinition item) {
        return new CreateEscalationPolicyRequest(item.name(), item.drivers(), item.functions(), item.measures(),
                item.kinds(), item.minSeverity(), item.steps().stream()
                .map(s -> new CreateEscalationPolicyRequest.Step(s.after(), targets(s.targets()))).toList());
    }

    private List<EscalationStep> steps(EscalationPolicyDefinition item) {
        List<EscalationStep> steps = new ArrayList<>();
        for (int i = 0; i < item.steps().size(); i++) {
            EscalationPolicyDefinition.Step step = item.steps().get(i);
            steps.add(new EscalationStep(i, Duration.parse(step.after()), targets(step.targets())));
        }
        return steps;
    }

    /** Targets as stored: {@code receiver:<key>} as {@code subscription:<id>}. */
    private List<String> targets(List<String> targets) {
        return targets.stream().map(t -> t.startsWith(RECEIVER)
                ? EscalationStep.SUBSCRIPTION + idOf(t.substring(RECEIVER.length())) : t).toList();
    }

    private UUID idOf(String receiverKey) {
        return subscriptions.find("slug", receiverKey).firstResultOptional().map(Subscription::id).orElseThrow();
    }

    private Map<UUID, String> keysById() {
        return subscriptions.listAll().stream().collect(Collectors.toMap(Subscription::id, Subscription::slug));
    }

    private static AlertSelector selector(EscalationPolicyDefinition item) {
        return new AlertSelector(ReceiverDefinitions.orEmpty(item.drivers()),
                ReceiverDefinitions.orEmpty(item.functions()).stream().map(DriverFunction::name).toList(),
                ReceiverDefinitions.orEmpty(item.measures()),
                ReceiverDefinitions.orEmpty(item.kinds()).stream().map(AlertKind::name).toList(),
                item.minSeverity() == null ? Severity.INFO : item.minSeverity());
    }

    private static void add(List<String> fields, String field, Object current, Object desired) {
        if (!Objects.equals(current, desired)) {
            fields.add(field);
        }
    }
}
