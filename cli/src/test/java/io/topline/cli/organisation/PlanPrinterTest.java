package io.topline.cli.organisation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a plan reads: one line per change, then the summary, or a single line when nothing changes. */
class PlanPrinterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPrintOneLinePerChangeAndASummary() throws Exception {
        String plan = """
                {"applied": false, "prune": true, "basedOn": "org-0123456789abcdef", "changes": [
                  {"action": "CREATE", "kind": "DRIVER", "key": "marketing", "fields": [], "targetsAdded": []},
                  {"action": "CREATE", "kind": "MEASURE", "key": "leads", "fields": [], "targetsAdded": ["2026-W27"]},
                  {"action": "UPDATE", "kind": "MEASURE", "key": "closing-ratio", "fields": ["name", "targets"], "targetsAdded": ["2026-11", "2027-01"]},
                  {"action": "ARCHIVE", "kind": "DRIVER", "key": "legacy", "fields": [], "targetsAdded": []}],
                 "unchanged": ["driver:sales"],
                 "summary": {"create": 2, "update": 1, "archive": 1, "unchanged": 1, "targetsAdded": 3}}""";

        assertEquals("""
                  + driver marketing
                  + measure leads with target version(s) 2026-W27
                  ~ measure closing-ratio: name, targets; new target version(s) 2026-11, 2027-01
                  - driver legacy (archive)
                Plan: 2 to create, 1 to change, 1 to archive, 1 unchanged; 3 target version(s) to add.
                """, printed(plan));
    }

    @Test
    void shouldPrintTheAlertingChangesAndEachBacktestUnderItsTargetChange() throws Exception {
        String plan = """
                {"applied": true, "prune": true, "basedOn": "org-0123456789abcdef.alr-0123456789abcdef", "changes": [
                  {"action": "UPDATE", "kind": "MEASURE", "key": "closing-ratio", "fields": ["targets"], "targetsAdded": ["2027-01", "2027-02"],
                   "backtests": [
                     {"effectiveFrom": "2027-01", "backtest": {"measure": "closing-ratio", "cadence": "MONTHLY", "periods": 13,
                      "met": 4, "amber": 2, "missed": 7, "noData": 0, "periodsResults": [], "summary": "would have missed 7 of the last 13 months"}},
                     {"effectiveFrom": "2027-02", "unavailable": "no backtest: alerts-service is unreachable at http://127.0.0.1:8083 (connection refused)"}]},
                  {"action": "CREATE", "kind": "RECEIVER", "key": "ops-webhook", "fields": [], "targetsAdded": [], "secret": "whsec_c2VjcmV0"},
                  {"action": "UPDATE", "kind": "RECEIVER", "key": "leadership-slack", "fields": ["url", "groupWait"], "targetsAdded": []},
                  {"action": "CREATE", "kind": "ESCALATION_POLICY", "key": "sales-misses", "fields": [], "targetsAdded": []},
                  {"action": "ARCHIVE", "kind": "SILENCE", "key": "old-window", "fields": [], "targetsAdded": []}],
                 "unchanged": ["contact:sam@example.com"],
                 "summary": {"create": 2, "update": 2, "archive": 1, "unchanged": 1, "targetsAdded": 2}}""";

        assertEquals("""
                  ~ measure closing-ratio: targets; new target version(s) 2027-01, 2027-02
                      backtest 2027-01: would have missed 7 of the last 13 months
                      backtest 2027-02 unavailable: no backtest: alerts-service is unreachable at http://127.0.0.1:8083 (connection refused)
                  + receiver ops-webhook (a new signing secret, shown once: only apply --json prints it)
                  ~ receiver leadership-slack: url, groupWait
                  + escalation-policy sales-misses
                  - silence old-window (archive)
                Applied: 2 to create, 2 to change, 1 to archive, 1 unchanged; 2 target version(s) to add.
                """, printed(plan));
    }

    @Test
    void shouldSayWhenNothingChanges() throws Exception {
        String applied = """
                {"applied": true, "prune": false, "basedOn": "org-0123456789abcdef", "changes": [],
                 "unchanged": ["driver:sales", "measure:closing-ratio"],
                 "summary": {"create": 0, "update": 0, "archive": 0, "unchanged": 2, "targetsAdded": 0}}""";

        assertEquals("No changes: the suite already matches the file (2 unchanged).\n", printed(applied));
    }

    private static String printed(String plan) throws Exception {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            PlanPrinter.print(JSON.readTree(plan), out);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
