package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A dashboard's view of {@code GET /alerts/stream}: the server-sent events it received, parsed, in order. */
public final class AlertStreamClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One event: its id, name (the CloudEvent type) and JSON data. */
    public record Event(String id, String name, JsonNode data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    /** Opens the suite's stream with the given query (such as {@code driver=service}) and waits until it is connected. */
    public AlertStreamClient(String query, String token) {
        this(Suite.alertsUrl(), query, token);
    }

    /** Opens the stream of the alerts-service at {@code alertsUrl} (one replica) and waits until it is connected. */
    public AlertStreamClient(String alertsUrl, String query, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(alertsUrl + "/alerts/stream"
                        + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> opened;
        try {
            opened = response.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The alert stream did not open", e);
        }
        if (opened.statusCode() != 200) {
            throw new IllegalStateException("The alert stream answered " + opened.statusCode());
        }
        lines = opened.body();
        Thread reader = new Thread(this::read, "alert-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, parse(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // the stream was closed
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        response.cancel(true);
    }
}
