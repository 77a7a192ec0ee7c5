package io.topline.drivers.alerting;

import java.util.List;

/**
 * alerts-service's plan (or what its apply did) of an organisation file's alerting sections: the changes to
 * receivers, silences, escalation policies and contacts, what stays, and the ETag of the alerting definitions it
 * compared against. {@code secret} is a new webhook's signing secret, in the answer of the apply that made it.
 */
public record AlertingPlan(boolean applied, boolean prune, String basedOn, List<Change> changes,
                           List<String> unchanged) {

    /** One alerting definition the file changes: action CREATE, UPDATE or ARCHIVE, kind RECEIVER, SILENCE, ... */
    public record Change(String action, String kind, String key, List<String> fields, String secret) {
    }
}
