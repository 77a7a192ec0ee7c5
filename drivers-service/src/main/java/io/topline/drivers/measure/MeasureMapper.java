package io.topline.drivers.measure;

import io.topline.chassis.time.BoundedDurations;
import io.topline.drivers.target.Target;
import io.topline.drivers.target.TargetResponse;
import io.topline.drivers.target.TargetSchedule;

import java.util.List;

/** The one mapping of the measure aggregate (targets included), to the API and to its events. */
public final class MeasureMapper {

    private MeasureMapper() {
    }

    public static MeasureResponse toResponse(Measure measure) {
        List<TargetResponse> targets = measure.targets().stream().map(t -> toResponse(measure, t)).toList();
        return new MeasureResponse(measure.key(), measure.driver().key(), measure.name(), measure.unit(),
                measure.currency(), measure.aggregation(), measure.direction(), measure.cadence(), measure.owner(),
                measure.description(), expectedEvery(measure), measure.archived(), measure.revision(), targets,
                measure.createdAt(),
                measure.updatedAt());
    }

    public static TargetResponse toResponse(Measure measure, Target target) {
        return new TargetResponse(target.version(), target.effectiveFrom(), target.successLevel(),
                target.failureLevel(), target.severity(), target.note(), target.createdAt(),
                TargetSchedule.supersededBy(measure.targets(), target).orElse(null));
    }

    public static MeasureEventData toEvent(Measure measure) {
        List<MeasureEventData.TargetData> targets = measure.targets().stream()
                .map(t -> new MeasureEventData.TargetData(t.version(), t.effectiveFrom(), t.successLevel(),
                        t.failureLevel(), t.severity(), t.note(), t.createdAt()))
                .toList();
        return new MeasureEventData(measure.key(), measure.driver().key(), measure.name(), measure.unit(),
                measure.currency(), measure.aggregation(), measure.direction(), measure.cadence(), measure.owner(),
                measure.description(), expectedEvery(measure), measure.archived(), measure.revision(), targets,
                measure.updatedAt());
    }

    private static String expectedEvery(Measure measure) {
        return measure.expectedEvery() == null ? null : BoundedDurations.iso(measure.expectedEvery());
    }
}
