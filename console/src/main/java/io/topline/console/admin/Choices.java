package io.topline.console.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.List;

/** The values the APIs accept for each choice in the administration forms (their enums, in their order). */
@ApplicationScoped
@Named("choices")
public class Choices {

    public List<String> functions() {
        return List.of("MARKETING", "SALES", "SERVICE", "OPERATIONS", "FINANCE", "OTHER");
    }

    public List<String> units() {
        return List.of("COUNT", "PERCENT", "CURRENCY", "DAYS", "HOURS", "RATIO", "NUMBER");
    }

    public List<String> aggregations() {
        return List.of("SUM", "AVERAGE", "MIN", "MAX", "LAST", "COUNT");
    }

    public List<String> directions() {
        return List.of("HIGHER_IS_BETTER", "LOWER_IS_BETTER");
    }

    public List<String> cadences() {
        return List.of("WEEKLY", "MONTHLY", "QUARTERLY");
    }

    public List<String> receivers() {
        return List.of("WEBHOOK", "SLACK", "TEAMS", "PAGERDUTY", "ALERTMANAGER", "EMAIL");
    }

    public List<String> alertKinds() {
        return List.of("MISSED", "PROJECTED_MISS", "NO_DATA", "STALE");
    }

    public List<String> severities() {
        return List.of("INFO", "WARNING", "CRITICAL");
    }

    /** An enum value as words: {@code HIGHER_IS_BETTER} reads "higher is better". */
    public String label(String value) {
        return value == null ? "" : value.toLowerCase().replace('_', ' ');
    }
}
