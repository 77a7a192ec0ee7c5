package io.topline.cli.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code topline dead-letters list SERVICE}: one line per dead letter, newest page first as the service pages them. */
@Command(name = "list", description = "List a service's dead letters: where each is (topic/partition@offset, what a "
        + "re-drive names), when, its key, why, and whether it was re-driven.")
public class DeadLettersListCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", description = "metrics or alerts (case-insensitive)")
    DeadLetterService service;

    @Option(names = "--topic", description = "only this dead-letter topic")
    String topic;

    @Option(names = "--page", defaultValue = "0", description = "the page, from 0 (default ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "records per page (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--json", description = "print the service's page as JSON")
    boolean json;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SuiteClient client = new SuiteClient(suite, Roles.ADMIN);
        String query = "?page=" + page + "&size=" + size
                + (topic == null ? "" : "&topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        JsonNode list = client.expectSuccess(client.send("GET", service.url(suite), service.path() + query, null, null,
                Map.of()), spec.commandLine().getErr(), null).json();
        if (json) {
            spec.commandLine().getOut().println(list.toPrettyString());
            return ExitCodes.OK;
        }
        for (JsonNode letter : list.path("items")) {
            spec.commandLine().getOut().println(letter.path("topic").asText() + "/" + letter.path("partition").asInt()
                    + "@" + letter.path("offset").asLong() + " " + letter.path("time").asText() + " key="
                    + letter.path("key").asText() + " " + letter.path("reason").asText()
                    + (letter.hasNonNull("redrivenAt") ? " (re-driven " + letter.get("redrivenAt").asText() + ")" : ""));
        }
        spec.commandLine().getOut().println(list.path("totalItems").asLong() + " dead letter(s); page "
                + list.path("page").asInt() + " of " + Math.max(1, list.path("totalPages").asInt()));
        return ExitCodes.OK;
    }
}
