package io.topline.alerts.alert;

import io.topline.alerts.cause.LikelyCause;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as the API shows it, with the silences muting it now, its likely causes upstream in the revenue flow (as of
 * its latest transition) and its whole transition history.
 */
public record AlertResponse(UUID id, String dedupKey, String kind, String state, String severity,
                            AlertEventData.DriverRef driver, AlertEventData.MeasureRef measure, String period,
                            BigDecimal actual, AlertEventData.TargetRef target, AlertEventData.EvaluationRef evaluation,
                            Map<String, String> labels, String summary, int sequence, Instant createdAt,
                            Instant updatedAt, List<String> silencedBy, List<LikelyCause> likelyCauses,
                            List<Transition> transitions) {

    /** One step of the alert's history. */
    public record Transition(int sequence, String from, String to, Instant at, String by, String comment) {
    }

    public static AlertResponse of(Alert alert) {
        AlertTransition last = alert.transitions().get(alert.transitions().size() - 1);
        AlertEventData data = AlertEventData.of(alert, last);
        return new AlertResponse(alert.id(), alert.dedupKey(), data.kind(), data.state(), data.severity(),
                data.driver(), data.measure(), data.period(), data.actual(), data.target(), data.evaluation(),
                data.labels(), data.summary(), alert.sequence(), alert.createdAt(), alert.updatedAt(), alert.silencedBy(),
                alert.likelyCauses(), alert.transitions().stream().map(t -> new Transition(t.sequence(), t.from(), t.to(), t.at(), t.by(),
                        t.comment())).toList());
    }
}
