package io.topline.drivers.organisation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A valid organisation file: how many drivers, measures and target versions it holds, and how many receivers,
 * silences, escalation policies and contacts for the alerting sections it has (left out for a section it has not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationResponse(boolean valid, int drivers, int measures, int targets, Integer receivers,
                                 Integer silences, Integer escalationPolicies, Integer contacts) {
}
