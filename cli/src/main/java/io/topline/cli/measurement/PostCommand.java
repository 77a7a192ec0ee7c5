package io.topline.cli.measurement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code topline post MEASURE VALUE}: records one measurement in metrics-service. */
@Command(name = "post", description = "Record one measurement of a measure (POST /measurements). With --id a retry "
        + "is stored once; with --period it counts for a whole period (EOS-style entry). The token may be an ingest "
        + "key (tlk_...): the measurement then takes the key's source.")
public class PostCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "MEASURE", description = "the measure's key")
    String measure;

    @Parameters(index = "1", paramLabel = "VALUE", description = "a decimal number")
    BigDecimal value;

    @Option(names = "--at", paramLabel = "INSTANT", description = "when it occurred, ISO-8601 with an offset "
            + "(default now)")
    OffsetDateTime occurredAt;

    @Option(names = "--period", paramLabel = "LABEL", description = "the period it counts for instead of --at "
            + "(2026-W48, 2026-11, 2026-Q4: the measure's cadence)")
    String period;

    @Option(names = "--source", description = "the reporting system (default topline-cli; with an ingest key, the "
            + "key's)")
    String source;

    @Option(names = "--id", description = "a client id: the same id is stored once")
    String id;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ObjectNode body = JSON.createObjectNode();
        if (id != null) {
            body.put("id", id);
        }
        body.put("measure", measure);
        body.put("value", value);
        if (period != null && occurredAt != null) {
            spec.commandLine().getErr().println("Give either --at or --period, not both");
            return ExitCodes.USAGE;
        }
        if (period != null) {
            body.put("period", period);
        } else {
            body.put("occurredAt", (occurredAt == null
                    ? OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) : occurredAt).toString());
        }
        SuiteClient client = new SuiteClient(suite, Roles.INGEST);
        if (source != null || !client.usesIngestKey()) {
            body.put("source", source == null ? "topline-cli" : source);
        }
        JsonNode recorded = client.expectSuccess(client.send("POST", suite.metricsUrl(), "/measurements",
                "application/json", body.toString(), Map.of()), spec.commandLine().getErr(), null).json();
        spec.commandLine().getOut().println(recorded.path("status").asText() + " " + recorded.path("measure").asText()
                + " = " + recorded.path("value").asText() + " in " + recorded.path("period").asText()
                + (recorded.hasNonNull("id") ? " (id " + recorded.get("id").asText() + ")" : ""));
        return ExitCodes.OK;
    }
}
