package io.topline.alerts.definition;

import io.topline.alerts.alert.AlertKind;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.definition.AlertingDefinitions.ReceiverDefinition;
import io.topline.alerts.definition.AlertingPlan.Action;
import io.topline.alerts.definition.AlertingPlan.Kind;
import io.topline.alerts.delivery.SsrfGuard;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.receiver.DefaultTemplates;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverConfig;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.receiver.TemplateCheck;
import io.topline.alerts.subscription.AlertSelector;
import io.topline.alerts.subscription.CreateSubscriptionRequest;
import io.topline.alerts.subscription.DriverFunction;
import io.topline.alerts.subscription.ReceiverRequest;
import io.topline.alerts.subscription.SecretCipher;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.alerts.subscription.SubscriptionService;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.time.BoundedDurations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The receivers section: each receiver is a subscription under its key, checked as {@code POST /subscriptions}
 * checks one, compared field by field (secrets by their value and their reference), created, redefined in place
 * (keeping its id, delivery log and webhook secret) or, with prune, disabled.
 */
@ApplicationScoped
class ReceiverDefinitions {

    static final String URL = "url";
    static final String ROUTING_KEY = "routingKey";

    private final SubscriptionRepository subscriptions;
    private final SubscriptionService service;
    private final SsrfGuard guard;
    private final SecretCipher cipher;
    private final TemplateCheck templates;
    private final ReceiverConfig config;
    private final Validator validator;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    ReceiverDefinitions(SubscriptionRepository subscriptions, SubscriptionService service, SsrfGuard guard,
                        SecretCipher cipher, TemplateCheck templates, ReceiverConfig config, Validator validator,
                        Clock clock) {
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.service = service;
        this.guard = guard;
        this.cipher = cipher;
        this.templates = templates;
        this.config = config;
        this.validator = validator;
    }

    /** Every subscription by key, disabled ones too (a key is never reused by another receiver). */
    Map<String, Subscription> stored() {
        return subscriptions.listAll().stream().collect(Collectors.toMap(Subscription::slug, Function.identity()));
    }

    /** Plans the section's creations and changes; answers the keys the file holds. */
    Set<String> plan(List<ReceiverDefinition> items, Map<String, String> secrets, String person, PlanBuilder plan) {
        Map<String, Subscription> stored = stored();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ReceiverDefinition item = items.get(i);
            String path = "receivers[" + i + "]";
            if (!keys.add(item.key())) {
                plan.violation(path + ".key", "receiver '" + item.key() + "' is listed twice");
                continue;
            }
            Desired desired = desired(item, secrets, path, plan);
            if (desired == null) {
                continue;
            }
            Subscription current = stored.get(item.key());
            if (current == null) {
                plan.change(Action.CREATE, Kind.RECEIVER, item.key(), List.of(), () -> create(item, desired, person));
            } else if (current.receiverKind() != desired.kind()) {
                plan.violation(path + ".receiver", "receiver '" + item.key() + "' is a " + current.receiverKind()
                        + " receiver, and a receiver's kind never changes: give the new one another key");
            } else {
                List<String> fields = differences(current, desired);
                if (fields.isEmpty()) {
                    plan.unchanged(Kind.RECEIVER, item.key());
                } else {
                    plan.change(Action.UPDATE, Kind.RECEIVER, item.key(), fields, () -> redefine(current, desired));
                }
            }
        }
        return keys;
    }

    /** With prune: disables the active receivers the file leaves out. */
    void prune(Set<String> kept, String person, PlanBuilder plan) {
        stored().values().stream().filter(Subscription::active).filter(s -> !kept.contains(s.slug()))
                .sorted(Comparator.comparing(Subscription::slug))
                .forEach(s -> plan.change(Action.ARCHIVE, Kind.RECEIVER, s.slug(), List.of(), () -> {
                    service.disable(s.id(), person);
                    return null;
                }));
    }

    /** The active receivers as the file writes them: a secret as its reference, never its value. */
    List<ReceiverDefinition> export() {
        return subscriptions.active().stream().sorted(Comparator.comparing(Subscription::slug))
                .map(ReceiverDefinitions::toFile).toList();
    }

    private Desired desired(ReceiverDefinition item, Map<String, String> secrets, String path, PlanBuilder plan) {
        List<Problem.Violation> missing = new ArrayList<>();
        String url = SecretReferences.resolve(item.url(), secrets, path + "." + URL, missing);
        String routingKey = SecretReferences.resolve(item.routingKey(), secrets, path + "." + ROUTING_KEY, missing);
        missing.forEach(v -> plan.violation(v.field(), v.message()));
        if (!missing.isEmpty()) {
            return null;
        }
        CreateSubscriptionRequest request = new CreateSubscriptionRequest(item.receiver(), url, routingKey,
                item.recipients(), item.template(), item.description(), item.drivers(), item.functions(),
                item.measures(), item.kinds(), item.minSeverity(), item.repeatInterval(), item.routeOnly(),
                item.holdDownstream(), item.groupWait(), item.groupBy(), item.digest(), item.digestOnly());
        int before = plan.violations().size();
        plan.constraints(path, validator.validate(request));
        if (plan.violations().size() > before) {
            return null;
        }
        Boolean checked = plan.attempt(path, () -> {
            ReceiverRequest.check(item.receiver(), request);
            if (Boolean.TRUE.equals(item.routeOnly())) {
                SubscriptionService.requireNoFilters(request);
            }
            if (item.template() != null) {
                templates.check(item.receiver(), item.template());
            }
            return true;
        });
        String target = url == null && item.receiver() == ReceiverKind.PAGERDUTY ? config.pagerdutyEventsUrl() : url;
        URI checkedUrl = target == null ? null : plan.attempt(path, () -> guard.check(target));
        Duration repeat = plan.attempt(path, () -> Objects.requireNonNullElse(
                SubscriptionService.repeatInterval(item.repeatInterval()), Duration.ZERO));
        Grouping grouping = plan.attempt(path, () -> grouping(item));
        if (checked == null || (target != null && checkedUrl == null) || repeat == null || grouping == null) {
            return null;
        }
        Map<String, String> refs = new HashMap<>();
        SecretReferences.variable(item.url()).ifPresent(v -> refs.put(URL, v));
        SecretReferences.variable(item.routingKey()).ifPresent(v -> refs.put(ROUTING_KEY, v));
        return new Desired(item.receiver(), checkedUrl == null ? null : checkedUrl.toString(), routingKey,
                item.recipients() == null ? List.of() : item.recipients(),
                DefaultTemplates.filled(item.receiver(), title(item.template()), text(item.template())),
                item.description(), selector(item), repeat.isZero() ? null : repeat,
                Boolean.TRUE.equals(item.routeOnly()), Boolean.TRUE.equals(item.holdDownstream()), refs, request,
                grouping);
    }

    /** The group wait (the kind's default when the file names none), labels and digest the file asks for. */
    private Grouping grouping(ReceiverDefinition item) {
        boolean digestOnly = Boolean.TRUE.equals(item.digestOnly());
        String digest = item.digest() != null || digestOnly ? service.digestSchedule(item.receiver(), item.digest())
                : null;
        return new Grouping(service.groupWait(item.receiver(), item.groupWait()),
                SubscriptionService.groupBy(item.groupBy()), digest, digestOnly);
    }

    private List<String> differences(Subscription current, Desired desired) {
        List<String> fields = new ArrayList<>();
        Map<String, String> refs = storedRefs(current);
        if (!Objects.equals(current.url(), desired.url()) || !Objects.equals(refs.get(URL), desired.refs().get(URL))) {
            fields.add(URL);
        }
        if (desired.kind() == ReceiverKind.PAGERDUTY && (!Objects.equals(current.secret(cipher), desired.secret())
                || !Objects.equals(refs.get(ROUTING_KEY), desired.refs().get(ROUTING_KEY)))) {
            fields.add(ROUTING_KEY);
        }
        AlertSelector filters = selector(current);
        add(fields, "recipients", current.recipients(), desired.recipients());
        add(fields, "template", current.template(), desired.template());
        add(fields, "description", current.description(), desired.description());
        add(fields, "drivers", filters.drivers(), desired.filters().drivers());
        add(fields, "functions", filters.functions(), desired.filters().functions());
        add(fields, "measures", filters.measures(), desired.filters().measures());
        add(fields, "kinds", filters.kinds(), desired.filters().kinds());
        add(fields, "minSeverity", filters.minSeverity(), desired.filters().minSeverity());
        add(fields, "repeatInterval", current.repeatInterval(), desired.repeatInterval());
        add(fields, "routeOnly", current.routeOnly(), desired.routeOnly());
        add(fields, "holdDownstream", current.holdsDownstream(), desired.holdDownstream());
        add(fields, "groupWait", current.groupWait(), desired.grouping().groupWait());
        if (!desired.grouping().groupWait().isZero()) {
            add(fields, "groupBy", current.groupBy(), desired.grouping().labels());
        }
        add(fields, "digest", current.digestSchedule(), desired.grouping().digest());
        add(fields, "digestOnly", current.digestOnly(), desired.grouping().digestOnly());
        add(fields, "active", current.active(), true);
        return fields;
    }

    private String create(ReceiverDefinition item, Desired desired, String person) {
        SubscriptionService.Created created = service.create(desired.request(), person);
        created.subscription().rekey(item.key());
        created.subscription().referTo(desired.refs());
        return created.secret();
    }

    private String redefine(Subscription current, Desired desired) {
        current.redefine(desired.url(), desired.kind() == ReceiverKind.PAGERDUTY ? desired.secret() : null, cipher,
                desired.description(), desired.filters(), desired.repeatInterval(), desired.routeOnly(),
                desired.holdDownstream(), desired.refs());
        current.mailTo(desired.recipients());
        current.template(desired.request().template());
        current.groupEvery(desired.grouping().groupWait(), desired.grouping().labels());
        current.digest(desired.grouping().digest(), desired.grouping().digestOnly(), clock.instant());
        return null;
    }

    /** The stored references, a PagerDuty routing key's under the name an export gives it when it has none. */
    private static Map<String, String> storedRefs(Subscription s) {
        Map<String, String> refs = new HashMap<>(s.secretRefs());
        if (s.receiverKind() == ReceiverKind.PAGERDUTY) {
            refs.putIfAbsent(ROUTING_KEY, defaultVariable(s.slug()));
        }
        return refs;
    }

    /** The variable an export names a routing key by when it was not set from a file: ROUTING_KEY_<KEY>. */
    static String defaultVariable(String key) {
        return "ROUTING_KEY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static ReceiverDefinition toFile(Subscription s) {
        Map<String, String> refs = storedRefs(s);
        String url = refs.containsKey(URL) ? SecretReferences.reference(refs.get(URL)) : s.url();
        String routingKey = s.receiverKind() == ReceiverKind.PAGERDUTY
                ? SecretReferences.reference(refs.get(ROUTING_KEY)) : null;
        MessageTemplate defaults = DefaultTemplates.of(s.receiverKind());
        MessageTemplate used = s.template();
        String title = Objects.equals(used.title(), defaults.title()) ? null : used.title();
        String text = Objects.equals(used.text(), defaults.text()) ? null : used.text();
        return new ReceiverDefinition(s.slug(), s.receiverKind(), url, routingKey, emptyToNull(s.recipients()),
                title == null && text == null ? null : new MessageTemplate(title, text), s.description(),
                emptyToNull(s.drivers()),
                emptyToNull(s.functions().stream().map(DriverFunction::valueOf).toList()),
                emptyToNull(s.measures()), emptyToNull(s.kinds().stream().map(AlertKind::valueOf).toList()),
                s.minSeverity() == Severity.INFO ? null : s.minSeverity(),
                s.repeatInterval() == null ? null : BoundedDurations.iso(s.repeatInterval()),
                s.routeOnly() ? Boolean.TRUE : null, s.holdsDownstream() ? Boolean.TRUE : null, groupWait(s),
                s.groupWait().isZero() || s.groupBy().equals(GroupLabel.DEFAULT) ? null : s.groupBy(),
                s.digestSchedule(), s.digestOnly() ? Boolean.TRUE : null);
    }

    /**
     * The group wait as the file writes it: always for the kinds people read (whose default is not zero, so that a
     * receiver that does not group stays so when the file is applied again), and for others when they group.
     */
    private static String groupWait(Subscription s) {
        ReceiverKind kind = s.receiverKind();
        boolean person = kind == ReceiverKind.SLACK || kind == ReceiverKind.TEAMS || kind == ReceiverKind.EMAIL;
        return person || !s.groupWait().isZero() ? BoundedDurations.iso(s.groupWait()) : null;
    }

    private static AlertSelector selector(ReceiverDefinition item) {
        return new AlertSelector(orEmpty(item.drivers()),
                orEmpty(item.functions()).stream().map(DriverFunction::name).toList(), orEmpty(item.measures()),
                orEmpty(item.kinds()).stream().map(AlertKind::name).toList(),
                item.minSeverity() == null ? Severity.INFO : item.minSeverity());
    }

    private static AlertSelector selector(Subscription s) {
        return new AlertSelector(s.drivers(), s.functions(), s.measures(), s.kinds(), s.minSeverity());
    }

    private static String title(MessageTemplate template) {
        return template == null ? null : template.title();
    }

    private static String text(MessageTemplate template) {
        return template == null ? null : template.text();
    }

    private static void add(List<String> fields, String field, Object current, Object desired) {
        if (!Objects.equals(current, desired)) {
            fields.add(field);
        }
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    /** A receiver as the file states it, checked and with its secrets resolved. */
    private record Desired(ReceiverKind kind, String url, String secret, List<String> recipients,
                           MessageTemplate template, String description, AlertSelector filters,
                           Duration repeatInterval, boolean routeOnly, boolean holdDownstream,
                           Map<String, String> refs, CreateSubscriptionRequest request, Grouping grouping) {
    }

    /** How a receiver groups its notifications and which digest it gets. */
    private record Grouping(Duration groupWait, List<GroupLabel> labels, String digest, boolean digestOnly) {
    }
}
