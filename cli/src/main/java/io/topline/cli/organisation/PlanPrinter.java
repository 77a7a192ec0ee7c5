package io.topline.cli.organisation;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a plan (or what an apply did) as people read a Terraform plan: one line per change (drivers, measures and,
 * from alerts-service, receivers, silences, escalation policies, contacts), under a measure's new target versions the
 * backtest's summary, then a summary. It never prints a secret.
 */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    public static void print(JsonNode plan, PrintWriter out) {
        for (JsonNode change : plan.path("changes")) {
            out.println(line(change));
            for (JsonNode backtest : change.path("backtests")) {
                out.println("      " + backtest(backtest));
            }
        }
        JsonNode summary = plan.path("summary");
        boolean applied = plan.path("applied").asBoolean();
        if (plan.path("changes").isEmpty()) {
            out.println("No changes: the suite already matches the file (" + summary.path("unchanged").asInt()
                    + " unchanged).");
            return;
        }
        out.println((applied ? "Applied: " : "Plan: ") + summary.path("create").asInt() + " to create, "
                + summary.path("update").asInt() + " to change, " + summary.path("archive").asInt() + " to archive, "
                + summary.path("unchanged").asInt() + " unchanged; " + summary.path("targetsAdded").asInt()
                + " target version(s) to add.");
    }

    static String line(JsonNode change) {
        String kind = change.path("kind").asText().toLowerCase(Locale.ROOT).replace('_', '-');
        String key = change.path("key").asText();
        return switch (change.path("action").asText()) {
            case "CREATE" -> "  + " + kind + " " + key + targets(change, " with target version(s) ")
                    + (change.hasNonNull("secret") ? " (a new signing secret, shown once: only apply --json prints it)"
                    : "");
            case "ARCHIVE" -> "  - " + kind + " " + key + " (archive)";
            default -> "  ~ " + kind + " " + key + ": " + fields(change) + targets(change, "; new target version(s) ");
        };
    }

    /** {@code backtest 2027-01: would have missed 7 of the last 13 weeks}, or why there is none. */
    static String backtest(JsonNode backtest) {
        String period = backtest.path("effectiveFrom").asText();
        return backtest.hasNonNull("backtest")
                ? "backtest " + period + ": " + backtest.path("backtest").path("summary").asText()
                : "backtest " + period + " unavailable: " + backtest.path("unavailable").asText();
    }

    private static String fields(JsonNode change) {
        List<String> fields = new ArrayList<>();
        change.path("fields").forEach(f -> fields.add(f.asText()));
        return String.join(", ", fields);
    }

    private static String targets(JsonNode change, String prefix) {
        List<String> periods = new ArrayList<>();
        change.path("targetsAdded").forEach(t -> periods.add(t.asText()));
        return periods.isEmpty() ? "" : prefix + String.join(", ", periods);
    }
}
