package io.topline.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An in-JVM HTTP server answering the drivers and alerts API calls the console makes, with the shapes of
 * {@link TestData}, and keeping what the console sent (path, body, bearer token) for the tests to check. It requires
 * a bearer token and the on-call role for acknowledge and resolve, as the services do, so a test sees which token the
 * console forwarded; what admins define (drivers, measures, subscriptions, escalation policies) is
 * {@link RecordedDefinitions}'. The full-stack story over the real services is e2e-tests' ConsoleStoryTest.
 */
public final class RecordedApis {

    /** One request the console sent. */
    public record Received(String method, String path, String query, String authorization, String lastEventId,
                           String body, String ifMatch) {

        /** The groups claim of the forwarded token. */
        public List<String> groups() {
            return RecordedApis.groups(authorization);
        }
    }

    /** Where OidcSignInTest's provider publishes its keys (the provider's other endpoints are only redirected to). */
    static final String OIDC_REALM = "/realms/topline";
    static final String OIDC_KEYS = OIDC_REALM + "/protocol/openid-connect/certs";

    private static final RecordedApis INSTANCE = new RecordedApis();

    private final Map<String, JsonObject> alerts = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> silences = new ConcurrentHashMap<>();
    private final RecordedDefinitions definitions = new RecordedDefinitions();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;

    private RecordedApis() {
    }

    public static RecordedApis instance() {
        return INSTANCE;
    }

    /** Starts the server on a free port and returns its base URL. */
    public synchronized String start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                handle(request, body.toString(StandardCharsets.UTF_8))));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The server's base URL, once started. */
    public synchronized String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public synchronized void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Adds an alert to the list, as if it had fired, and announces it on every open stream. */
    public JsonObject fire(JsonObject alert) {
        alerts.put(alert.getString("id"), alert);
        announce("topline.alert.fired", alert);
        return alert;
    }

    /** The requests received for {@code path}, oldest first. */
    public List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** How many streams are open now. */
    public int openStreams() {
        return streams.size();
    }

    public JsonObject alert(String id) {
        return alerts.get(id);
    }

    private void handle(HttpServerRequest request, String body) {
        String authorization = request.getHeader("Authorization");
        received.add(new Received(request.method().name(), request.path(), request.query(), authorization,
                request.getHeader("Last-Event-ID"), body, request.getHeader("If-Match")));
        if (request.path().equals(OIDC_KEYS)) {
            // the OIDC provider's key set, as a provider serves it to anybody; no token it issued is ever checked here
            json(request, 200, new JsonObject().put("keys", new JsonArray()));
            return;
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            problem(request, 401, "Unauthorized", "A bearer token is required");
            return;
        }
        String path = request.path();
        if (definitions.handle(request, body)) {
            return;
        }
        if (path.equals("/scorecard")) {
            String cadence = request.getParam("cadence", "WEEKLY");
            if (!List.of("WEEKLY", "MONTHLY", "QUARTERLY").contains(cadence)) {
                problem(request, 400, "Bad Request", "cadence must be one of WEEKLY, MONTHLY, QUARTERLY");
                return;
            }
            json(request, 200, TestData.scorecard(cadence));
        } else if (path.equals("/drivers/flow")) {
            json(request, 200, TestData.flow());
        } else if (path.equals("/evaluations") && request.getParam("period") == null) {
            json(request, 200, page(TestData.closingRatioEvaluations()));
        } else if (path.equals("/evaluations")) {
            json(request, 200, page(new JsonArray().add(TestData.evaluation(request.getParam("measure"),
                    request.getParam("period")))));
        } else if (path.equals("/actuals")) {
            json(request, 200, TestData.closingRatioActuals());
        } else if (path.equals("/alerts")) {
            json(request, 200, page(alertsMatching(request.getParam("state"), request.getParam("measure"))));
        } else if (path.equals("/alerts/stream")) {
            stream(request);
        } else if (path.equals("/silences") && request.method().name().equals("POST")) {
            JsonObject silence = new JsonObject(body).put("id", UUID.randomUUID().toString()).put("state", "ACTIVE")
                    .put("createdBy", "olga@example.com").put("createdAt", Instant.now().toString())
                    .put("untilResolved", Boolean.TRUE.equals(new JsonObject(body).getBoolean("untilResolved")));
            silences.put(silence.getString("id"), silence);
            request.response().putHeader("Location", "http://127.0.0.1/silences/" + silence.getString("id"));
            json(request, 201, silence);
        } else if (path.equals("/silences")) {
            String state = request.getParam("state");
            json(request, 200, page(new JsonArray(silences.values().stream()
                    .filter(s -> state == null || state.equals(s.getString("state"))).map(Object.class::cast)
                    .toList())));
        } else if (path.startsWith("/silences/") && path.endsWith("/expire")) {
            JsonObject silence = silences.get(path.split("/")[2]);
            silence.put("state", "EXPIRED");
            json(request, 200, silence);
        } else if (path.equals("/measures/closing-ratio/targets")) {
            json(request, 201, new JsonObject(body).put("version", 3));
        } else if (path.startsWith("/alerts/")) {
            alertCall(request, path.substring("/alerts/".length()).split("/"), body);
        } else {
            problem(request, 404, "Not Found", "No such resource");
        }
    }

    private void alertCall(HttpServerRequest request, String[] parts, String body) {
        JsonObject alert = alerts.get(parts[0]);
        if (alert == null) {
            problem(request, 404, "Not Found", "No alert " + parts[0]);
        } else if (parts.length == 1) {
            json(request, 200, alert);
        } else if (!groups(request.getHeader("Authorization")).contains("topline-oncall")) {
            problem(request, 403, "Forbidden", "Acknowledging and resolving alerts is for the on-call role");
        } else {
            String to = parts[1].equals("acknowledge") ? "ACKNOWLEDGED" : "RESOLVED";
            String comment = body.isBlank() ? null : new JsonObject(body).getString("comment");
            String now = Instant.now().toString();
            JsonArray transitions = alert.getJsonArray("transitions");
            transitions.add(new JsonObject().put("sequence", transitions.size() + 1).put("from", alert.getString("state"))
                    .put("to", to).put("at", now).put("by", "olga@example.com").put("comment", comment));
            alert.put("state", to).put("updatedAt", now).put("sequence", transitions.size());
            announce("topline.alert." + parts[1].replace("acknowledge", "acknowledged").replace("resolve", "resolved"),
                    alert);
            json(request, 200, alert);
        }
    }

    private JsonArray alertsMatching(String state, String measure) {
        List<JsonObject> matching = new ArrayList<>(alerts.values().stream()
                .filter(a -> state == null || state.isBlank() || state.equals(a.getString("state")))
                .filter(a -> measure == null || measure.equals(a.getJsonObject("measure").getString("key"))).toList());
        matching.sort((a, b) -> b.getString("updatedAt").compareTo(a.getString("updatedAt")));
        return new JsonArray(new ArrayList<>(matching));
    }

    private void stream(HttpServerRequest request) {
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream");
        response.write(": connected\n\n");
        streams.add(response);
        response.closeHandler(closed -> streams.remove(response));
    }

    private void announce(String type, JsonObject alert) {
        JsonObject data = alert.copy().put("alertId", alert.getString("id"));
        String event = "id: " + UUID.randomUUID() + "\nevent: " + type + "\ndata: " + data.encode() + "\n\n";
        vertx.runOnContext(v -> streams.forEach(stream -> stream.write(event)));
    }

    static JsonObject page(JsonArray items) {
        return new JsonObject().put("items", items).put("page", 0).put("size", 50).put("totalItems", items.size())
                .put("totalPages", items.isEmpty() ? 0 : 1);
    }

    static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static void problem(HttpServerRequest request, int status, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }

    static List<String> groups(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return List.of();
        }
        String payload = authorization.substring(7).split("\\.")[1];
        JsonArray groups = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .getJsonArray("groups", new JsonArray());
        return groups.stream().map(Object::toString).toList();
    }
}
