package io.topline.alerts.definition;

import io.topline.alerts.definition.AlertingPlan.Action;
import io.topline.alerts.definition.AlertingPlan.Change;
import io.topline.alerts.definition.AlertingPlan.Kind;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.validation.ConstraintViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A plan being built: the violations found, the changes with what applying each does, and what stays. Nothing is
 * changed until {@link #apply()}, which runs after every section was checked, so that one violation applies nothing.
 */
final class PlanBuilder {

    private final List<Problem.Violation> violations = new ArrayList<>();
    private final List<Planned> planned = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();

    List<Problem.Violation> violations() {
        return violations;
    }

    void violation(String field, String message) {
        violations.add(new Problem.Violation(field, message));
    }

    /** Runs a check that throws a problem, recording its violations under {@code path}; returns whether it passed. */
    <T> T attempt(String path, Supplier<T> check) {
        try {
            return check.get();
        } catch (ProblemException e) {
            if (e.violations() == null || e.violations().isEmpty()) {
                violation(path, e.getMessage());
            } else {
                e.violations().forEach(v -> violation(path + "." + v.field(), v.message()));
            }
            return null;
        }
    }

    /** Records Bean Validation violations of an object found at {@code path}. */
    void constraints(String path, Set<? extends ConstraintViolation<?>> found) {
        found.stream().sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .forEach(v -> violation(path + "." + v.getPropertyPath(), v.getMessage()));
    }

    /** A change and what applying it does; the supplier answers a secret to show once, or null. */
    void change(Action action, Kind kind, String key, List<String> fields, Supplier<String> apply) {
        planned.add(new Planned(new Change(action, kind, key, List.copyOf(fields), null), apply));
    }

    void unchanged(Kind kind, String key) {
        unchanged.add(kind.name().toLowerCase().replace('_', '-') + ":" + key);
    }

    /** Refuses the file, listing every violation, when there is any. */
    void requireValid() {
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The organisation file's alerting sections have "
                    + violations.size() + " problem(s); nothing was applied", List.copyOf(violations));
        }
    }

    AlertingPlan plan(boolean prune, String basedOn) {
        return new AlertingPlan(false, prune, basedOn, planned.stream().map(Planned::change).toList(),
                List.copyOf(unchanged));
    }

    /** Applies every change in plan order; answers what was done, with a new webhook's secret where one was made. */
    AlertingPlan apply(boolean prune, String basedOn) {
        List<Change> done = new ArrayList<>();
        for (Planned p : planned) {
            String secret = p.apply().get();
            Change c = p.change();
            done.add(new Change(c.action(), c.kind(), c.key(), c.fields(), secret));
        }
        return new AlertingPlan(true, prune, basedOn, done, List.copyOf(unchanged));
    }

    private record Planned(Change change, Supplier<String> apply) {
    }
}
