package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for a webhook subscriber, Slack, Teams or PagerDuty: it keeps every request by path
 * and answers 202, or 500 to the first requests of a path told to fail.
 */
public final class LocalReceiver implements AutoCloseable {

    /** One request as the server got it. */
    public record Request(String path, Map<String, List<String>> headers, JsonNode body) {

        /** A header's first value (names in any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    public LocalReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), TestData.JSON.readTree(body)));
            AtomicInteger failing = failures.get(path);
            boolean fail = failing != null && failing.getAndDecrement() > 0;
            exchange.sendResponseHeaders(fail ? 500 : 202, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next {@code count} requests to {@code path} with 500. */
    public void failNext(String path, int count) {
        failures.put(path, new AtomicInteger(count));
    }

    /** The bodies received at {@code path}, in order. */
    public List<JsonNode> bodies(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).map(Request::body).toList();
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Every request, in the order they arrived. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
