package io.topline.alerts.definition;

import io.topline.alerts.definition.AlertingDefinitions.SilenceDefinition;
import io.topline.alerts.definition.AlertingPlan.Action;
import io.topline.alerts.definition.AlertingPlan.Kind;
import io.topline.alerts.silence.CreateSilenceRequest;
import io.topline.alerts.silence.Silence;
import io.topline.alerts.silence.SilenceService;
import io.topline.alerts.silence.SilenceState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The silences section. A silence never changes once made, so a changed one is ended and made again under its key;
 * one whose end has passed is left alone (applying an old file does not bring it back), and an expired one is never
 * exported. With prune, the pending and active silences the file leaves out are ended.
 */
@ApplicationScoped
class SilenceDefinitions {

    private final SilenceService service;
    private final Validator validator;
    private final Clock clock;

    SilenceDefinitions(SilenceService service, Validator validator, Clock clock) {
        this.service = service;
        this.validator = validator;
        this.clock = clock;
    }

    void plan(List<SilenceDefinition> items, boolean prune, String person, PlanBuilder plan) {
        Instant now = clock.instant();
        Map<String, Silence> stored = service.notEnded().stream()
                .collect(Collectors.toMap(Silence::slug, Function.identity()));
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            SilenceDefinition item = items.get(i);
            String path = "silences[" + i + "]";
            if (!keys.add(item.key())) {
                plan.violation(path + ".key", "silence '" + item.key() + "' is listed twice");
                continue;
            }
            planOne(item, path, stored.get(item.key()), now, person, plan);
        }
        if (prune) {
            stored.values().stream().filter(s -> s.state(now) != SilenceState.EXPIRED)
                    .filter(s -> !keys.contains(s.slug())).sorted(Comparator.comparing(Silence::slug))
                    .forEach(s -> plan.change(Action.ARCHIVE, Kind.SILENCE, s.slug(), List.of(), () -> {
                        service.end(s, person);
                        return null;
                    }));
        }
    }

    /** The silences pending or in force, as the file writes them. */
    List<SilenceDefinition> export() {
        Instant now = clock.instant();
        return service.notEnded().stream().filter(s -> s.state(now) != SilenceState.EXPIRED)
                .map(s -> new SilenceDefinition(s.slug(), s.matchers(), s.startsAt().toString(),
                        s.endsAt() == null ? null : s.endsAt().toString(), s.untilResolved() ? Boolean.TRUE : null,
                        s.schedule(), s.comment()))
                .toList();
    }

    private void planOne(SilenceDefinition item, String path, Silence current, Instant now, String person,
                         PlanBuilder plan) {
        CreateSilenceRequest request = new CreateSilenceRequest(item.matchers(), item.startsAt(), item.endsAt(),
                item.untilResolved(), item.schedule(), item.comment());
        int before = plan.violations().size();
        plan.constraints(path, validator.validate(request));
        Instant end = plan.violations().size() > before ? null : plan.attempt(path,
                () -> Objects.requireNonNullElse(service.endOf(request), Instant.MAX));
        if (end == null) {
            return;
        }
        boolean live = current != null && current.state(now) != SilenceState.EXPIRED;
        if (!end.isAfter(now)) {
            // its end has passed: nothing to make; one still in force is ended, as the file says
            if (live) {
                plan.change(Action.UPDATE, Kind.SILENCE, item.key(), List.of("endsAt"), () -> end(current, person));
            } else {
                plan.unchanged(Kind.SILENCE, item.key());
            }
            return;
        }
        SilenceService.Stated stated = plan.attempt(path, () -> service.check(request, now));
        if (stated == null) {
            return;
        }
        if (current == null) {
            plan.change(Action.CREATE, Kind.SILENCE, item.key(), List.of(), () -> create(request, person, item.key()));
            return;
        }
        List<String> fields = differences(current, stated, item);
        if (!live && fields.isEmpty()) {
            fields.add("endsAt");
        }
        if (fields.isEmpty()) {
            plan.unchanged(Kind.SILENCE, item.key());
        } else {
            plan.change(Action.UPDATE, Kind.SILENCE, item.key(), fields, () -> {
                end(current, person);
                return create(request, person, item.key());
            });
        }
    }

    private static List<String> differences(Silence current, SilenceService.Stated stated, SilenceDefinition item) {
        List<String> fields = new ArrayList<>();
        add(fields, "matchers", current.matchers(), stated.matchers());
        if (item.startsAt() != null) {
            add(fields, "startsAt", current.startsAt(), stated.startsAt());
        }
        add(fields, "endsAt", current.endsAt(), stated.endsAt());
        add(fields, "untilResolved", current.untilResolved(), stated.untilResolved());
        add(fields, "schedule", current.schedule(), stated.schedule());
        add(fields, "comment", current.comment(), item.comment());
        return fields;
    }

    private String end(Silence silence, String person) {
        service.end(silence, person);
        return null;
    }

    private String create(CreateSilenceRequest request, String person, String key) {
        service.create(request, person, key);
        return null;
    }

    private static void add(List<String> fields, String field, Object current, Object desired) {
        if (!Objects.equals(current, desired)) {
            fields.add(field);
        }
    }
}
