package io.topline.drivers.target;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which target version is in effect for a period: the one with the latest {@code effectiveFrom} not after the
 * period, and among versions from the same period the highest (a correction supersedes what it corrects).
 */
public final class TargetSchedule {

    private static final Comparator<Target> PRECEDENCE =
            Comparator.comparing(Target::periodStart).thenComparingInt(Target::version);

    private TargetSchedule() {
    }

    public static Optional<Target> inEffect(List<Target> targets, Period period) {
        return targets.stream()
                .filter(target -> !target.periodStart().isAfter(period.start()))
                .max(PRECEDENCE);
    }

    /** The version that replaced {@code target} from its own period on, or empty while it is in effect there. */
    public static Optional<Integer> supersededBy(List<Target> targets, Target target) {
        return targets.stream()
                .filter(other -> other.periodStart().equals(target.periodStart()) && other.version() > target.version())
                .map(Target::version)
                .max(Integer::compare);
    }
}
