package io.topline.drivers.organisation;

import java.util.List;

/**
 * One driver or measure an organisation file changes: what happens to it, which fields differ (for an update) and
 * which target versions it gains, by their effectiveFrom.
 */
public record PlannedChange(Action action, Kind kind, String key, List<String> fields, List<String> targetsAdded) {

    /** What applying the file does to the definition. */
    public enum Action {
        CREATE, UPDATE, ARCHIVE
    }

    /** Which definition it is. */
    public enum Kind {
        DRIVER, MEASURE
    }
}
