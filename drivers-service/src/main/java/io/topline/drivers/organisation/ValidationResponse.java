package io.topline.drivers.organisation;

/** A valid organisation file: how many drivers, measures and target versions it holds. */
public record ValidationResponse(boolean valid, int drivers, int measures, int targets) {
}
