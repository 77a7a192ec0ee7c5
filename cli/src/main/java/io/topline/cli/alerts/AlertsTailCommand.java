package io.topline.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.cli.CommandFailure;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code topline alerts tail}: the live stream of alert transitions, reconnecting where it left off. */
@Command(name = "tail", description = "Print alert transitions as they happen (GET /alerts/stream), filtered like "
        + "the alert list. When the stream ends it reconnects with the last event's id, so nothing is missed within "
        + "the stream's window.")
public class AlertsTailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--state", description = "FIRING, ACKNOWLEDGED or RESOLVED")
    String state;

    @Option(names = "--kind", description = "MISSED, PROJECTED_MISS, NO_DATA, ...")
    String kind;

    @Option(names = "--driver", description = "a driver key")
    String driver;

    @Option(names = "--function", description = "MARKETING, SALES, ...")
    String function;

    @Option(names = "--measure", description = "a measure key")
    String measure;

    @Option(names = "--severity", description = "the lowest severity: INFO, WARNING or CRITICAL")
    String severity;

    @Option(names = "--count", paramLabel = "N", description = "stop after N transitions (default: until interrupted)")
    Integer count;

    @Option(names = "--json", description = "print each transition's data as one JSON line")
    boolean json;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SuiteClient client = new SuiteClient(suite, Roles.VIEWER);
        PrintWriter out = spec.commandLine().getOut();
        AtomicInteger printed = new AtomicInteger();
        String lastId = null;
        while (true) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "text/event-stream"));
            if (lastId != null) {
                headers.put("Last-Event-ID", lastId);
            }
            HttpResponse<InputStream> response = client.stream(suite.alertsUrl(), "/alerts/stream" + query(), headers);
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("HTTP " + response.statusCode() + ": " + body);
                throw new CommandFailure(ExitCodes.ofStatus(response.statusCode()), null);
            }
            String[] last = {lastId};
            try (BufferedReader stream = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                boolean ended = ServerSentEvents.read(stream, event -> {
                    if (event.id() != null) {
                        last[0] = event.id();
                    }
                    print(event, out);
                    return event.id() == null || count == null || printed.incrementAndGet() < count;
                });
                if (!ended) {
                    return ExitCodes.OK;
                }
            }
            lastId = last[0];
        }
    }

    private void print(ServerSentEvents.Event event, PrintWriter out) {
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (IOException e) {
            out.println(event.name() + ": " + event.data());
            out.flush();
            return;
        }
        if (event.id() == null) {
            out.println("-- " + event.name() + ": " + data.path("reason").asText(event.data()));
        } else {
            out.println(json ? data.toString() : AlertLine.of(event.name(), data));
        }
        out.flush();
    }

    private String query() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("state", state);
        filters.put("kind", kind);
        filters.put("driver", driver);
        filters.put("function", function);
        filters.put("measure", measure);
        filters.put("severity", severity);
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
