package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.topline.alerts.TestData;

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
 * A local HTTP server standing in for Slack, Teams and PagerDuty: it keeps every request by path and answers 202, or
 * 500 to the first requests of a path told to fail.
 */
final class LocalReceiver implements AutoCloseable {

    /** One request as the server got it. */
    record Request(String path, Map<String, List<String>> headers, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    LocalReceiver() throws IOException {
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
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next {@code count} requests to {@code path} with 500. */
    void failNext(String path, int count) {
        failures.put(path, new AtomicInteger(count));
    }

    /** The bodies received at {@code path}, in order. */
    List<JsonNode> bodies(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).map(Request::body).toList();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
