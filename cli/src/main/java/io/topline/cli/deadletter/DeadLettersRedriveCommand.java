package io.topline.cli.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.cli.CommandFailure;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code topline dead-letters redrive SERVICE}: sends dead letters back to their topics, each once. */
@Command(name = "redrive", description = "Re-drive one dead letter (--record TOPIC/PARTITION@OFFSET, as list prints "
        + "it) or all since an instant (--since); a record already re-driven is left alone.")
public class DeadLettersRedriveCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORD = Pattern.compile("^(.+)/(\\d+)@(\\d+)$");

    @Parameters(paramLabel = "SERVICE", description = "metrics or alerts (case-insensitive)")
    DeadLetterService service;

    @ArgGroup(multiplicity = "1")
    Which which;

    /** One record, or every record since an instant. */
    static class Which {
        @Option(names = "--record", paramLabel = "TOPIC/PARTITION@OFFSET", description = "one dead letter")
        String record;

        @Option(names = "--since", paramLabel = "INSTANT", description = "every dead letter since this ISO-8601 instant")
        Instant since;
    }

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SuiteClient client = new SuiteClient(suite, Roles.ADMIN);
        JsonNode done = client.expectSuccess(client.send("POST", service.url(suite), service.path() + "/redrive",
                "application/json", body().toString(), Map.of()), spec.commandLine().getErr(), null).json();
        for (JsonNode ref : done.path("redriven")) {
            spec.commandLine().getOut().println("re-driven " + describe(ref));
        }
        for (JsonNode ref : done.path("alreadyRedriven")) {
            spec.commandLine().getOut().println("already re-driven " + describe(ref));
        }
        spec.commandLine().getOut().println(done.path("redriven").size() + " re-driven, "
                + done.path("alreadyRedriven").size() + " already re-driven");
        return ExitCodes.OK;
    }

    /** The request body: {@code {"topic","partition","offset"}} or {@code {"since"}}. */
    ObjectNode body() {
        ObjectNode body = JSON.createObjectNode();
        if (which.since != null) {
            body.put("since", which.since.toString());
            return body;
        }
        Matcher record = RECORD.matcher(which.record);
        if (!record.matches()) {
            throw new CommandFailure(ExitCodes.USAGE, "--record must be TOPIC/PARTITION@OFFSET, such as "
                    + "topline.measurements.dlq/0@12 (as dead-letters list prints it)");
        }
        body.put("topic", record.group(1));
        body.put("partition", Integer.parseInt(record.group(2)));
        body.put("offset", Long.parseLong(record.group(3)));
        return body;
    }

    private static String describe(JsonNode ref) {
        return ref.path("topic").asText() + "/" + ref.path("partition").asInt() + "@" + ref.path("offset").asLong();
    }
}
