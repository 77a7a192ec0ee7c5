package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged {@code topline} tool against the running suite: an organisation file validated, applied, planned again
 * with nothing to do, changed, exported and planned with prune; history imported from CSV, interrupted and resumed
 * without counting twice; one measurement posted. Keys are its own, so the other stories' definitions stay as they are.
 */
@ExtendWith(Suite.class)
class CommandLineToolTest {

    /** What one run of the tool printed and how it ended. */
    private record Run(int exitCode, String out, String err) {
    }

    /** The keys of one test's organisation, unique to it. */
    private record Keys(String sales, String service, String deals) {

        static Keys fresh() {
            String run = UUID.randomUUID().toString().substring(0, 8);
            return new Keys("cli-sales-" + run, "cli-service-" + run, "cli-deals-" + run);
        }
    }

    @Test
    void shouldApplyAnOrganisationFileIdempotentlyAndExportOneThatPlansNoChange() throws Exception {
        Keys keys = Keys.fresh();
        Path dir = Files.createTempDirectory("topline-cli-e2e-");
        Path file = dir.resolve("organisation.yaml");
        Files.writeString(file, organisation(keys, "Deals won"));

        Run validated = topline(TestTokens.ADMIN, "validate", file.toString());
        assertEquals(0, validated.exitCode(), validated.err());
        assertEquals(file + ": valid (2 drivers, 1 measures, 1 target versions)", validated.out().strip());

        Run applied = topline(TestTokens.ADMIN, "apply", file.toString());
        assertEquals(0, applied.exitCode(), applied.err());
        assertEquals(List.of("  + driver " + keys.sales(), "  + driver " + keys.service(),
                "  + measure " + keys.deals() + " with target version(s) " + YearMonth.now(ZoneOffset.UTC),
                "Applied: 3 to create, 0 to change, 0 to archive, 0 unchanged; 1 target version(s) to add."),
                applied.out().lines().toList());

        Run again = topline(TestTokens.ADMIN, "plan", file.toString(), "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("No changes: the suite already matches the file (3 unchanged).", again.out().strip());

        Files.writeString(file, organisation(keys, "Deals closed"));
        Run drift = topline(TestTokens.ADMIN, "plan", file.toString(), "--detailed-exitcode");
        assertEquals(10, drift.exitCode(), drift.err());
        assertEquals("  ~ measure " + keys.deals() + ": name", drift.out().lines().findFirst().orElseThrow());
        assertEquals(0, topline(TestTokens.ADMIN, "apply", file.toString()).exitCode());
        JsonNode measure = Api.get(Suite.driversUrl() + "/measures/" + keys.deals(), TestTokens.VIEWER, 200);
        assertEquals("Deals closed", measure.get("name").asText());
        // created (1), its first target version added (2), renamed (3)
        assertEquals(3, measure.get("revision").asInt());

        Path exported = dir.resolve("exported.yaml");
        // a viewer's export is the drivers' part alone: the other stories' receivers refer to variables of their own
        Run export = topline(TestTokens.VIEWER, "export", "-o", exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        Run pruned = topline(TestTokens.ADMIN, "plan", exported.toString(), "--prune", "--detailed-exitcode");
        assertEquals(0, pruned.exitCode(), pruned.out() + pruned.err());
        assertTrue(Files.readString(exported).contains("key: " + keys.deals()), "the export holds the applied measure");
    }

    @Test
    void shouldPlanApplyExportAndPruneTheAlertingSectionsWithSecretsFromTheEnvironment() throws Exception {
        Keys keys = Keys.fresh();
        String run = keys.deals().substring("cli-deals-".length());
        String variable = "CLI_SLACK_URL_" + run.toUpperCase(java.util.Locale.ROOT);
        String secretUrl = "http://127.0.0.1:9/slack/" + UUID.randomUUID();
        Map<String, String> environment = Map.of(variable, secretUrl);
        Path dir = Files.createTempDirectory("topline-cli-alerting-");
        Path file = dir.resolve("organisation.yaml");
        Files.writeString(file, organisation(keys, "Deals won") + alerting(keys, run, variable, true));

        Run refused = topline(TestTokens.ADMIN, Map.of(), "plan", file.toString());
        assertEquals(1, refused.exitCode(), refused.err());
        assertEquals(List.of(file + ":24:10: receivers[0].url: refers to ${" + variable + "}, but the environment "
                + "variable " + variable + " is not set", file + ": 1 error(s); nothing was sent"),
                refused.err().lines().toList());

        Run applied = topline(TestTokens.ADMIN, environment, "apply", file.toString());
        assertEquals(0, applied.exitCode(), applied.err());
        assertEquals(List.of("  + driver " + keys.sales(), "  + driver " + keys.service(),
                "  + measure " + keys.deals() + " with target version(s) " + YearMonth.now(ZoneOffset.UTC),
                "  + receiver " + run + "-slack",
                "  + receiver " + run + "-hook (a new signing secret, shown once: only apply --json prints it)",
                "  + escalation-policy " + run + "-escalation", "  + contact cli-" + run + "@example.com",
                "  + silence " + run + "-weekend",
                "Applied: 8 to create, 0 to change, 0 to archive, 0 unchanged; 1 target version(s) to add."),
                applied.out().lines().toList());
        Run again = topline(TestTokens.ADMIN, environment, "plan", file.toString(), "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals("No changes: the suite already matches the file (8 unchanged).", again.out().strip());

        // a new target version of the stored measure: the plan prints alerts-service's backtest of it under it
        String next = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        Path retargeted = dir.resolve("retargeted.yaml");
        Files.writeString(retargeted, (organisation(keys, "Deals won") + alerting(keys, run, variable, true))
                .replace("severity: WARNING}", "severity: WARNING}\n      - {effectiveFrom: \"" + next
                        + "\", successLevel: 60, failureLevel: 30, severity: WARNING}"));
        Map<String, Object> levels = Map.of("measure", keys.deals(), "successLevel", 60, "failureLevel", 30,
                "periods", 13);
        JsonNode backtest = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                () -> Api.post(Suite.alertsUrl() + "/evaluations/backtest", TestTokens.VIEWER, levels, 200),
                answer -> answer.has("summary"));
        Run retarget = topline(TestTokens.ADMIN, environment, "plan", retargeted.toString());
        assertEquals(0, retarget.exitCode(), retarget.err());
        assertEquals(List.of("  ~ measure " + keys.deals() + ": targets; new target version(s) " + next,
                "      backtest " + next + ": " + backtest.get("summary").asText(),
                "Plan: 0 to create, 1 to change, 0 to archive, 7 unchanged; 1 target version(s) to add."),
                retarget.out().lines().toList());

        Path exported = dir.resolve("exported.yaml");
        Run export = topline(TestTokens.ADMIN, Map.of(), "export", "-o", exported.toString());
        assertEquals(0, export.exitCode(), export.err());
        String exportedText = Files.readString(exported);
        assertTrue(!exportedText.contains(secretUrl), "the export never holds a secret's value");
        JsonNode all = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(exportedText);
        JsonNode mine = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                organisation(keys, "Deals won") + alerting(keys, run, variable, true));
        for (String section : List.of("receivers", "escalationPolicies", "contacts")) {
            assertEquals(byKey(mine.get(section)), byKey(ofRun(all.get(section), run)), section);
        }
        JsonNode silence = ofRun(all.get("silences"), run).get(0);
        // alerts-service writes a window's day lists out, empty for every day
        assertEquals(Api.parse("{\"weekdays\": [\"SATURDAY\", \"SUNDAY\"], \"daysOfMonth\": [], \"months\": [], "
                + "\"startTime\": \"00:00\", \"endTime\": \"24:00\", \"timeZone\": \"UTC\"}"), silence.get("schedule"));
        assertEquals(mine.at("/silences/0/matchers"), silence.get("matchers"));
        // the export's own entries for these keys, applied again: nothing to change
        com.fasterxml.jackson.databind.node.ObjectNode roundTrip = ((com.fasterxml.jackson.databind.node.ObjectNode) mine)
                .deepCopy();
        for (String section : List.of("receivers", "silences", "escalationPolicies", "contacts")) {
            roundTrip.set(section, ofRun(all.get(section), run));
        }
        Path again2 = dir.resolve("round-trip.json");
        Files.writeString(again2, roundTrip.toPrettyString());
        Run roundTripped = topline(TestTokens.ADMIN, environment, "plan", again2.toString(), "--detailed-exitcode");
        assertEquals(0, roundTripped.exitCode(), roundTripped.out() + roundTripped.err());

        // prune with the receivers section alone, the webhook left out: it is disabled, the Slack receiver stays
        Path pruneFile = dir.resolve("pruned.yaml");
        Files.writeString(pruneFile, organisation(keys, "Deals won") + alerting(keys, run, variable, false));
        Run pruned = topline(TestTokens.ADMIN, environment, "apply", pruneFile.toString(), "--prune");
        assertEquals(0, pruned.exitCode(), pruned.out() + pruned.err());
        assertTrue(pruned.out().lines().anyMatch(("  - receiver " + run + "-hook (archive)")::equals), pruned.out());
        JsonNode after = Api.get(Suite.alertsUrl() + "/alerting-definitions", TestTokens.ADMIN, 200);
        assertEquals(List.of(run + "-slack"), keysOf(ofRun(after.get("receivers"), run)));
        Run settled = topline(TestTokens.ADMIN, environment, "plan", pruneFile.toString(), "--prune",
                "--detailed-exitcode");
        assertEquals(0, settled.exitCode(), settled.out() + settled.err());
    }

    /** The alerting part of a test's file: every section, or (for prune) the Slack receiver alone. */
    private static String alerting(Keys keys, String run, String variable, boolean whole) {
        String slack = """
                receivers:
                  - key: %1$s-slack
                    receiver: SLACK
                    url: ${%2$s}
                    measures: [%3$s]
                    groupWait: PT30S
                """.formatted(run, variable, keys.deals());
        if (!whole) {
            return slack;
        }
        return slack + """
                  - key: %1$s-hook
                    receiver: WEBHOOK
                    url: http://127.0.0.1:9/hook
                    measures: [%2$s]
                    repeatInterval: PT4H
                silences:
                  - key: %1$s-weekend
                    matchers: [{label: measure, operator: EQUALS, value: %2$s}]
                    schedule: {weekdays: [SATURDAY, SUNDAY], startTime: "00:00", endTime: "24:00", timeZone: UTC}
                    comment: no deals at weekends
                escalationPolicies:
                  - key: %1$s-escalation
                    name: Deals escalation
                    measures: [%2$s]
                    steps:
                      - after: PT30M
                        targets: [measure-owner, "receiver:%1$s-slack"]
                contacts:
                  - email: cli-%1$s@example.com
                    name: CLI person
                    routes: [%1$s-hook]
                """.formatted(run, keys.deals());
    }

    /** The items of a section whose key (or e-mail) names this run. */
    private static JsonNode ofRun(JsonNode items, String run) {
        com.fasterxml.jackson.databind.node.ArrayNode found = Api.MAPPER.createArrayNode();
        for (JsonNode item : items) {
            if (item.path("key").asText(item.path("email").asText()).contains(run)) {
                found.add(item);
            }
        }
        return found;
    }

    /** The items by key (or e-mail), so that the file's order and the export's (by key) compare equal. */
    private static Map<String, JsonNode> byKey(JsonNode items) {
        Map<String, JsonNode> found = new TreeMap<>();
        items.forEach(item -> found.put(item.path("key").asText(item.path("email").asText()), item));
        return found;
    }

    private static List<String> keysOf(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }

    @Test
    void shouldImportCsvHistoryAndResumeWithoutCountingTwice() throws Exception {
        Keys keys = Keys.fresh();
        Path dir = Files.createTempDirectory("topline-cli-e2e-");
        Path organisation = dir.resolve("organisation.yaml");
        Files.writeString(organisation, organisation(keys, "Deals won"));
        assertEquals(0, topline(TestTokens.ADMIN, "apply", organisation.toString()).exitCode());
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<String> lines = new ArrayList<>(List.of("measure,value,occurredAt"));
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= 10; i++) {
            lines.add(keys.deals() + "," + i + "," + start.minus(Duration.ofMinutes(i)));
            total = total.add(BigDecimal.valueOf(i));
        }
        Path csv = dir.resolve(keys.deals() + ".csv");  // its name is the prefix of the rows' client ids
        Files.write(csv, lines, StandardCharsets.UTF_8);
        // metrics-service learns of the measure from topline.definitions: wait until it takes one
        await().atMost(Duration.ofSeconds(60)).until(() -> topline(TestTokens.INGEST, "post", keys.deals(), "0",
                "--id", "cli-probe-" + keys.deals(), "--at", start.minus(Duration.ofMinutes(30)).toString()).exitCode() == 0);

        Run first = topline(TestTokens.INGEST, "import-csv", csv.toString(), "--measure-column", "measure",
                "--batch-size", "4");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains(": 10 row(s); 10 stored, 0 already stored, 0 committed by an earlier run; "
                + "3 batch(es)"), first.out());

        // an interrupted run leaves its checkpoint: the second batch committed, the third not known to be
        Files.writeString(csv.resolveSibling(keys.deals() + ".csv.progress"), "9\n");
        Run resumed = topline(TestTokens.INGEST, "import-csv", csv.toString(), "--measure-column", "measure",
                "--batch-size", "4");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("Resuming after line 9"), resumed.err());
        assertTrue(resumed.out().contains(": 10 row(s); 0 stored, 2 already stored, 8 committed by an earlier run; "
                + "1 batch(es)"), resumed.out());

        Run full = topline(TestTokens.INGEST, "import-csv", csv.toString(), "--measure-column", "measure", "--restart");
        assertTrue(full.out().contains("0 stored, 10 already stored"), full.out());
        JsonNode actuals = Api.get(Suite.metricsUrl() + "/actuals?measure=" + keys.deals(), TestTokens.VIEWER, 200);
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (JsonNode actual : actuals.get("items")) {
            sum = sum.add(actual.get("sum").decimalValue());
            count += actual.get("count").asLong();
        }
        assertEquals(11, count, "ten rows and the probe, each once");
        assertEquals(0, total.compareTo(sum), "sum " + sum);
    }

    /**
     * Issue 14's acceptance: 100,000 rows over the last twelve months, imported once into one measure, and into a twin
     * measure by a run that is killed (SIGKILL) part-way and then resumed; both end with the same actuals.
     */
    @Test
    void shouldImportAHundredThousandRowsKilledAndResumedToTheActualsOfAOneShotImport() throws Exception {
        Keys keys = Keys.fresh();
        String twin = keys.deals() + "-twin";
        Path dir = Files.createTempDirectory("topline-cli-100k-");
        Path organisation = dir.resolve("organisation.yaml");
        Files.writeString(organisation, organisation(keys, "Deals won") + """
                  - key: %s
                    driverKey: %s
                    name: Deals won (twin)
                    unit: COUNT
                    aggregation: SUM
                    direction: HIGHER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - {effectiveFrom: "%s", successLevel: 50, failureLevel: 20, severity: WARNING}
                """.formatted(twin, keys.sales(), YearMonth.now(ZoneOffset.UTC)));
        assertEquals(0, topline(TestTokens.ADMIN, "apply", organisation.toString()).exitCode());
        Path oneShot = hundredThousandRows(dir, keys.deals());
        Path interrupted = hundredThousandRows(dir, twin);
        Instant probe = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(390));
        awaitMeasureKnown(keys.deals(), probe);
        awaitMeasureKnown(twin, probe);

        Run once = topline(TestTokens.INGEST, 600, "import-csv", oneShot.toString(), "--measure-column", "measure");
        assertEquals(0, once.exitCode(), once.err());
        assertTrue(once.out().contains(": 100000 row(s); 100000 stored, 0 already stored, 0 committed by an earlier "
                + "run; 100 batch(es)"), once.out());
        assertTrue(once.err().contains("[" + "#".repeat(30) + "] 100% 100000/100000 rows"), once.err());

        Path progress = interrupted.resolveSibling(interrupted.getFileName() + ".progress");
        Process killed = start(TestTokens.INGEST, "import-csv", interrupted.toString(), "--measure-column", "measure");
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(50)).until(() -> checkpoint(progress)
                >= 30_000);
        killed.destroyForcibly().waitFor();
        long killedAfter = checkpoint(progress);
        assertTrue(killedAfter < 100_001, "killed before the end, after line " + killedAfter);

        Run resumed = topline(TestTokens.INGEST, 600, "import-csv", interrupted.toString(), "--measure-column",
                "measure");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("Resuming after line " + killedAfter), resumed.err());
        assertTrue(resumed.out().contains(" committed by an earlier run"), resumed.out());
        assertEquals(actuals(keys.deals()), actuals(twin), "the killed and resumed import counts every row once");
        // the rows and the probe
        assertEquals(100_001L, actuals(twin).values().stream().mapToLong(a -> Long.parseLong(a.split("/")[0])).sum());
    }

    /** 100,000 rows of one measure, values 1 to 100, spread over the last twelve months. */
    private static Path hundredThousandRows(Path dir, String measure) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        List<String> lines = new ArrayList<>(100_001);
        lines.add("measure,value,occurredAt");
        for (int i = 0; i < 100_000; i++) {
            lines.add(measure + "," + (i % 100 + 1) + "," + now.minusSeconds(i * 314L));
        }
        Path csv = dir.resolve(measure + ".csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return csv;
    }

    /**
     * metrics-service learns of a measure from topline.definitions: waits until it takes a probe of value 0 at
     * {@code at} (the same for both measures, so their actuals stay comparable).
     */
    private static void awaitMeasureKnown(String measure, Instant at) {
        await().atMost(Duration.ofSeconds(60)).until(() -> topline(TestTokens.INGEST, "post", measure, "0", "--id",
                "cli-probe-" + measure, "--at", at.toString()).exitCode() == 0);
    }

    /** Each period's actual as count/sum/min/max. */
    private static Map<String, String> actuals(String measure) {
        Map<String, String> byPeriod = new TreeMap<>();
        JsonNode page = Api.get(Suite.metricsUrl() + "/actuals?measure=" + measure + "&size=500", TestTokens.VIEWER, 200);
        for (JsonNode actual : page.get("items")) {
            byPeriod.put(actual.get("period").asText(), actual.get("count").asLong() + "/"
                    + actual.get("sum").decimalValue().stripTrailingZeros().toPlainString() + "/"
                    + actual.get("min").decimalValue().stripTrailingZeros().toPlainString() + "/"
                    + actual.get("max").decimalValue().stripTrailingZeros().toPlainString());
        }
        return byPeriod;
    }

    private static long checkpoint(Path progress) {
        try {
            return Files.exists(progress) ? Long.parseLong(Files.readString(progress).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // being rewritten
        }
    }

    private static String organisation(Keys keys, String measureName) {
        return """
                drivers:
                  - key: %1$s
                    name: Sales (CLI)
                    function: SALES
                    owner: sam@example.com
                    feedsInto: [%2$s]
                  - key: %2$s
                    name: Service (CLI)
                    function: SERVICE
                    owner: carla@example.com
                measures:
                  - key: %3$s
                    driverKey: %1$s
                    name: %4$s
                    unit: COUNT
                    aggregation: SUM
                    direction: HIGHER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - {effectiveFrom: "%5$s", successLevel: 50, failureLevel: 20, severity: WARNING}
                """.formatted(keys.sales(), keys.service(), keys.deals(), measureName, YearMonth.now(ZoneOffset.UTC));
    }

    /** Runs the packaged tool with the role's development token, from a file as the tool expects it. */
    private static Run topline(String role, String... arguments) throws IOException, InterruptedException {
        return topline(role, 120, arguments);
    }

    /** Runs the tool with these environment variables set (and no others of the test's that it reads). */
    private static Run topline(String role, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        return topline(role, 120, environment, arguments);
    }

    private static Run topline(String role, int seconds, String... arguments) throws IOException, InterruptedException {
        return topline(role, seconds, Map.of(), arguments);
    }

    private static Run topline(String role, int seconds, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("topline-out-", ".txt");
        Path err = Files.createTempFile("topline-err-", ".txt");
        ProcessBuilder builder = builder(role, arguments);
        builder.environment().putAll(environment);
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("topline " + String.join(" ", arguments) + " did not end within " + seconds + " s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts the tool without waiting for it, its output discarded. */
    private static Process start(String role, String... arguments) throws IOException {
        return builder(role, arguments).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static ProcessBuilder builder(String role, String... arguments) {
        Path jar = Suite.root().resolve("cli/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        if (!arguments[0].equals("validate")) {
            command.addAll(List.of("--drivers-url", Suite.driversUrl(), "--metrics-url", Suite.metricsUrl(),
                    "--alerts-url", Suite.alertsUrl(),
                    "--token-file", Suite.stateDir().resolve("tokens").resolve(role + ".jwt").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TOPLINE_TOKEN");
        return builder;
    }
}
