package io.topline.drivers.target;

import io.topline.drivers.measure.Cadence;

import java.util.List;

/** A measure's whole target schedule, oldest version first, with the revision of the measure it belongs to. */
public record TargetScheduleResponse(String measureKey, Cadence cadence, long revision, List<TargetResponse> targets) {
}
