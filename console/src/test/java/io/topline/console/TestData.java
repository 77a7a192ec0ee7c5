package io.topline.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The console tests' one test-data factory: an organisation of three drivers in a chain (marketing leads feed sales,
 * sales feeds finance), its weekly scorecard, flow, evaluations and alerts, in the shapes the APIs answer.
 */
public final class TestData {

    public static final List<String> PERIODS = List.of("2026-W46", "2026-W47", "2026-W48", "2026-W49");
    public static final String CURRENT = "2026-W49";

    private TestData() {
    }

    /** alerts-service's GET /scorecard for {@code cadence}: three drivers, four measures, a red chain. */
    public static JsonObject scorecard(String cadence) {
        return new JsonObject()
                .put("cadence", cadence)
                .put("currentPeriod", CURRENT)
                .put("periods", new JsonArray(PERIODS))
                .put("generatedAt", "2026-12-02T09:00:00Z")
                .put("measures", new JsonArray()
                        .add(row("marketing-qualified-leads", "Marketing-qualified leads", driver("leads",
                                        "Lead generation", "MARKETING", "mia@example.com", 0), "mia@example.com",
                                "COUNT", "HIGHER_IS_BETTER", "SUM", target(3, "2026-W40", 120, 90),
                                cells(new Object[][]{{130, "MET", "FINAL"}, {95, "AT_RISK", "FINAL"},
                                        {80, "MISSED", "FINAL"}, {20, "MISSED", "PROVISIONAL"}}),
                                60, trailing("TOTAL", 325, 4), 1))
                        .add(row("website-visits", "Website visits", driver("leads", "Lead generation",
                                        "MARKETING", "mia@example.com", 0), "max@example.com", "COUNT",
                                "HIGHER_IS_BETTER", "SUM", null,
                                cells(new Object[][]{{null, null, null}, {null, "NO_DATA", "FINAL"},
                                        {5000, null, null}, {1200, null, null}}),
                                null, trailing("TOTAL", 6200, 2), 0))
                        .add(row("closing-ratio", "Closing ratio", driver("sales", "Sales", "SALES",
                                        "sam@example.com", 1), "sam@example.com", "PERCENT", "HIGHER_IS_BETTER",
                                "AVERAGE", target(1, "2026-W01", 30, 20),
                                cells(new Object[][]{{31.5, "MET", "FINAL"}, {25, "AT_RISK", "FINAL"},
                                        {18.25, "MISSED", "FINAL"}, {19, "MISSED", "PROVISIONAL"}}),
                                19, trailing("AVERAGE", 23.44, 4), 1))
                        .add(row("days-sales-outstanding", "Days sales outstanding", driver("finance",
                                        "Collections", "FINANCE", "fay@example.com", 2), "fay@example.com", "DAYS",
                                "LOWER_IS_BETTER", "LAST", target(2, "2026-W30", 30, 45),
                                cells(new Object[][]{{28, "MET", "FINAL"}, {29, "MET", "FINAL"},
                                        {33, "AT_RISK", "FINAL"}, {50, "MISSED", "PROVISIONAL"}}),
                                50, trailing("AVERAGE", 35, 4), 0)))
                .put("drivers", new JsonArray()
                        .add(driverStatus("leads", "Lead generation", "MARKETING", 0, "MISSED", new JsonArray()))
                        .add(driverStatus("sales", "Sales", "SALES", 1, "MISSED", new JsonArray()
                                .add(upstream("leads", "Lead generation", "MISSED", 1))))
                        .add(driverStatus("finance", "Collections", "FINANCE", 2, "MISSED", new JsonArray()
                                .add(upstream("sales", "Sales", "MISSED", 1))
                                .add(upstream("leads", "Lead generation", "MISSED", 2)))));
    }

    /** drivers-service's GET /drivers/flow for the same organisation, plus a driver nothing is known about yet. */
    public static JsonObject flow() {
        return new JsonObject()
                .put("drivers", new JsonArray()
                        .add(flowDriver(1, "leads", "Lead generation", "MARKETING", "mia@example.com", "sales"))
                        .add(flowDriver(2, "onboarding", "Onboarding", "SERVICE", "sue@example.com", "finance"))
                        .add(flowDriver(3, "sales", "Sales", "SALES", "sam@example.com", "finance"))
                        .add(flowDriver(4, "finance", "Collections", "FINANCE", "fay@example.com", null)))
                .put("edges", new JsonArray()
                        .add(new JsonObject().put("from", "leads").put("to", "sales"))
                        .add(new JsonObject().put("from", "onboarding").put("to", "finance"))
                        .add(new JsonObject().put("from", "sales").put("to", "finance")));
    }

    /** alerts-service's evaluation of {@code measure} in {@code period}, as one item of GET /evaluations. */
    public static JsonObject evaluation(String measure, String period) {
        return new JsonObject().put("measure", measure).put("period", period).put("cadence", "WEEKLY")
                .put("periodStart", "2026-11-23T00:00:00Z").put("periodEnd", "2026-11-30T00:00:00Z")
                .put("status", "MISSED").put("state", "FINAL").put("actual", 18.25).put("projection", 18.25)
                .put("target", new JsonObject().put("version", 1).put("successLevel", 30).put("failureLevel", 20)
                        .put("severity", "CRITICAL"))
                .put("evaluatedAt", "2026-11-30T01:00:00Z");
    }

    /** drivers-service's GET /drivers items: the chain of the scorecard, each at revision 1. */
    public static List<JsonObject> driverDefinitions() {
        return List.of(driverDefinition("marketing", "Marketing leads", "MARKETING", "mia@example.com", "sales"),
                driverDefinition("sales", "Sales", "SALES", "sam@example.com", "finance"),
                driverDefinition("finance", "Revenue", "FINANCE", "fay@example.com", null));
    }

    private static JsonObject driverDefinition(String key, String name, String function, String owner,
                                               String feedsInto) {
        return new JsonObject().put("key", key).put("name", name).put("function", function).put("owner", owner)
                .putNull("description").put("feedsInto", feedsInto == null ? new JsonArray() : new JsonArray()
                        .add(feedsInto)).put("archived", false).put("revision", 1)
                .put("createdAt", "2026-01-05T09:00:00Z").put("updatedAt", "2026-01-05T09:00:00Z");
    }

    /** drivers-service's GET /measures/closing-ratio: its target was raised from version 1 to 2 in 2026-W48. */
    public static JsonObject closingRatio() {
        return new JsonObject().put("key", "closing-ratio").put("driverKey", "sales").put("name", "Closing ratio")
                .put("unit", "PERCENT").putNull("currency").put("aggregation", "AVERAGE")
                .put("direction", "HIGHER_IS_BETTER").put("cadence", "WEEKLY").put("owner", "sam@example.com")
                .put("description", "Won deals over qualified opportunities").put("archived", false)
                .put("revision", 3)
                .put("targets", new JsonArray()
                        .add(target(1, "2026-W01", 30, 20).put("note", "first year"))
                        .add(target(2, "2026-W48", 35, 25).putNull("note")));
    }

    /** metrics-service's GET /actuals of closing-ratio: no actual in 2026-W47 (a silent week). */
    public static JsonObject closingRatioActuals() {
        JsonArray items = new JsonArray();
        Object[][] values = {{"2026-W45", 33}, {"2026-W46", 31.5}, {"2026-W48", 18.25}, {"2026-W49", 27}};
        for (Object[] value : values) {
            items.add(new JsonObject().put("measure", "closing-ratio").put("period", value[0]).put("cadence", "WEEKLY")
                    .put("aggregation", "AVERAGE").put("value", value[1]).put("count", 4).put("revision", 1));
        }
        return new JsonObject().put("items", items).put("page", 0).put("size", 500).put("totalItems", items.size())
                .put("totalPages", 1);
    }

    /** alerts-service's GET /evaluations of closing-ratio, newest period first, each with its target version. */
    public static JsonArray closingRatioEvaluations() {
        return new JsonArray()
                .add(evaluation("closing-ratio", "2026-W49", "AT_RISK", "PROVISIONAL", 27, 2, 35, 25))
                .add(evaluation("closing-ratio", "2026-W48", "MISSED", "FINAL", 18.25, 2, 35, 25))
                .add(evaluation("closing-ratio", "2026-W47", "NO_DATA", "FINAL", null, 1, 30, 20))
                .add(evaluation("closing-ratio", "2026-W46", "MET", "FINAL", 31.5, 1, 30, 20));
    }

    private static JsonObject evaluation(String measure, String period, String status, String state, Number actual,
                                         int version, Number success, Number failure) {
        return evaluation(measure, period).put("status", status).put("state", state).put("actual", actual)
                .put("projection", actual).put("target", new JsonObject().put("version", version)
                        .put("successLevel", success).put("failureLevel", failure).put("severity", "CRITICAL"));
    }

    /** alerts-service's GET /subscriptions items: one routed by function and kind, one disabled by its receiver. */
    public static JsonArray subscriptions() {
        return new JsonArray()
                .add(new JsonObject().put("id", "7d1f5a8e-3c2b-4e6f-9a1d-2b3c4d5e6f70")
                        .put("url", "https://hooks.example.com/sales")
                        .put("description", "Sales channel").put("drivers", new JsonArray())
                        .put("functions", new JsonArray().add("SALES")).put("measures", new JsonArray())
                        .put("kinds", new JsonArray().add("MISSED")).put("minSeverity", "WARNING").put("active", true)
                        .putNull("disabledReason").put("repeatInterval", "PT4H"))
                .add(new JsonObject().put("id", "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d")
                        .put("url", "https://old.example.com/hook")
                        .putNull("description").put("drivers", new JsonArray()).put("functions", new JsonArray())
                        .put("measures", new JsonArray()).put("kinds", new JsonArray()).putNull("minSeverity")
                        .put("active", false).put("disabledReason", "the receiver answered 410 Gone")
                        .putNull("repeatInterval"));
    }

    /** A FIRING MISSED alert of a measure of its own (so that tests never share one), created now. */
    public static JsonObject firingAlert(String measureName) {
        String id = UUID.randomUUID().toString();
        String measureKey = measureName.toLowerCase().replace(' ', '-');
        String now = Instant.now().toString();
        return new JsonObject().put("id", id).put("dedupKey", measureKey + ":2026-W48:MISSED").put("kind", "MISSED")
                .put("state", "FIRING").put("severity", "CRITICAL")
                .put("driver", new JsonObject().put("key", "sales").put("name", "Sales").put("function", "SALES"))
                .put("measure", new JsonObject().put("key", measureKey).put("name", measureName)
                        .put("unit", "PERCENT").put("direction", "HIGHER_IS_BETTER").put("cadence", "WEEKLY"))
                .put("period", "2026-W48").put("actual", 18.25)
                .put("target", new JsonObject().put("version", 1).put("successLevel", 30).put("failureLevel", 20))
                .put("evaluation", new JsonObject().put("status", "MISSED").put("state", "FINAL")
                        .put("projection", 18.25).put("evaluatedAt", now))
                .put("labels", new JsonObject().put("measure", measureKey))
                .put("summary", measureName + " missed its target in 2026-W48: 18.25 % against a failure level of 20 %")
                .put("sequence", 1).put("createdAt", now).put("updatedAt", now)
                .put("silencedBy", new JsonArray()).put("likelyCauses", new JsonArray())
                .put("transitions", new JsonArray().add(new JsonObject().put("sequence", 1).putNull("from")
                        .put("to", "FIRING").put("at", now).putNull("by").putNull("comment")));
    }

    private static JsonObject row(String key, String name, JsonObject driver, String owner, String unit,
                                  String direction, String aggregation, JsonObject target, JsonArray cells,
                                  Number projection, JsonObject trailing, int misses) {
        return new JsonObject().put("key", key).put("name", name).put("driver", driver).put("owner", owner)
                .put("unit", unit).putNull("currency").put("direction", direction).put("aggregation", aggregation)
                .put("target", target).put("periods", cells).put("projection", projection).put("trailing", trailing)
                .put("misses", misses);
    }

    private static JsonObject driver(String key, String name, String function, String owner, int position) {
        return new JsonObject().put("key", key).put("name", name).put("function", function).put("owner", owner)
                .put("flowPosition", position);
    }

    private static JsonObject target(int version, String from, Number success, Number failure) {
        return new JsonObject().put("version", version).put("effectiveFrom", from).put("successLevel", success)
                .put("failureLevel", failure).put("severity", "CRITICAL");
    }

    private static JsonArray cells(Object[][] values) {
        JsonArray cells = new JsonArray();
        for (int i = 0; i < values.length; i++) {
            cells.add(new JsonObject().put("period", PERIODS.get(i)).put("actual", values[i][0])
                    .put("status", values[i][1]).put("state", values[i][2]));
        }
        return cells;
    }

    private static JsonObject trailing(String kind, Number value, int periodsWithData) {
        return new JsonObject().put("kind", kind).put("value", value).put("periodsWithData", periodsWithData);
    }

    private static JsonObject driverStatus(String key, String name, String function, int position, String status,
                                           JsonArray explainedBy) {
        return new JsonObject().put("key", key).put("name", name).put("function", function)
                .put("flowPosition", position).put("status", status).put("explainedBy", explainedBy);
    }

    private static JsonObject upstream(String key, String name, String status, int hops) {
        return new JsonObject().put("key", key).put("name", name).put("status", status).put("hops", hops);
    }

    private static JsonObject flowDriver(int position, String key, String name, String function, String owner,
                                         String feedsInto) {
        return new JsonObject().put("position", position).put("key", key).put("name", name)
                .put("function", function).put("owner", owner)
                .put("feedsInto", feedsInto == null ? new JsonArray() : new JsonArray().add(feedsInto))
                .put("measures", new JsonArray());
    }
}
