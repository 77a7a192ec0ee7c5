package io.topline.console;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link RecordedApis}' part for what admins define: drivers and measures (revisions as ETags: 428 without If-Match,
 * 412 when stale, 409 when archived twice, as drivers-service answers), subscriptions with their receiver checks,
 * template and preview, and escalation policies. It keeps state, so a test sees its change on the next page.
 */
final class RecordedDefinitions {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private static final List<String> DRIVER_FIELDS = List.of("name", "function", "owner", "description", "feedsInto");
    private static final List<String> MEASURE_FIELDS = List.of("name", "unit", "currency", "aggregation", "owner",
            "description", "expectedEvery");

    private final Map<String, JsonObject> drivers = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> measures = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> subscriptions = new LinkedHashMap<>();
    private final Map<String, JsonObject> policies = new LinkedHashMap<>();

    RecordedDefinitions() {
        for (JsonObject driver : TestData.driverDefinitions()) {
            drivers.put(driver.getString("key"), driver);
        }
        measures.put("closing-ratio", TestData.closingRatio());
        TestData.subscriptions().forEach(s -> subscriptions.put(((JsonObject) s).getString("id"), (JsonObject) s));
    }

    /** Answers the request when it is one of these resources' and says so. */
    synchronized boolean handle(HttpServerRequest request, String body) {
        String method = request.method().name();
        String[] parts = request.path().substring(1).split("/");
        switch (parts[0]) {
            case "drivers" -> {
                if (parts.length > 1 && parts[1].equals("flow")) {
                    return false;
                }
                definitions(request, method, parts, body, drivers, "driver");
            }
            case "measures" -> {
                if (parts.length > 2 && parts[2].equals("targets")) {
                    return false;
                }
                definitions(request, method, parts, body, measures, "measure");
            }
            case "subscriptions" -> subscriptions(request, method, parts, body);
            case "escalation-policies" -> policies(request, method, parts, body);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void definitions(HttpServerRequest request, String method, String[] parts, String body,
                             Map<String, JsonObject> store, String noun) {
        if (parts.length == 1 && method.equals("GET")) {
            boolean archived = Boolean.parseBoolean(request.getParam("includeArchived"));
            RecordedApis.json(request, 200, RecordedApis.page(new JsonArray(store.values().stream()
                    .filter(d -> archived || !d.getBoolean("archived", false)).map(Object.class::cast).toList())));
        } else if (parts.length == 1 && method.equals("POST")) {
            create(request, new JsonObject(body), store, noun);
        } else if (!store.containsKey(parts[1])) {
            RecordedApis.problem(request, 404, "Not found", "No " + noun + " has the key " + parts[1]);
        } else if (method.equals("GET")) {
            withEtag(request, 200, store.get(parts[1]));
        } else if (stale(request, store.get(parts[1]))) {
            return;
        } else if (parts.length == 2 && method.equals("PUT")) {
            JsonObject current = store.get(parts[1]);
            JsonObject sent = new JsonObject(body);
            JsonObject changed = current.copy().put("revision", current.getLong("revision") + 1)
                    .put("updatedAt", Instant.now().toString());
            // the whole changeable state: a field left out is cleared
            (noun.equals("driver") ? DRIVER_FIELDS : MEASURE_FIELDS).forEach(f -> changed.put(f, sent.getValue(f)));
            store.put(parts[1], changed);
            withEtag(request, 200, changed);
        } else if (parts.length == 3 && parts[2].equals("archive") && store.get(parts[1]).getBoolean("archived")) {
            RecordedApis.problem(request, 409, "Archived", "The " + noun + " " + parts[1] + " is archived already");
        } else if (parts.length == 3 && parts[2].equals("archive")) {
            JsonObject current = store.get(parts[1]);
            current.put("archived", true).put("revision", current.getLong("revision") + 1);
            withEtag(request, 200, current);
        } else {
            RecordedApis.problem(request, 405, "Method not allowed", method + " " + request.path());
        }
    }

    private void create(HttpServerRequest request, JsonObject created, Map<String, JsonObject> store, String noun) {
        String key = created.getString("key");
        if (key == null || !SLUG.matcher(key).matches()) {
            validation(request, "key", "must be a slug: lower-case letters, digits and single hyphens");
        } else if (store.containsKey(key)) {
            RecordedApis.problem(request, 409, "Conflict", "A " + noun + " with the key " + key + " exists already");
        } else if (noun.equals("measure") && !drivers.containsKey(created.getString("driverKey", ""))) {
            RecordedApis.problem(request, 422, "Unprocessable", "driverKey names no active driver");
        } else {
            created.put("archived", false).put("revision", 1).put("createdAt", Instant.now().toString());
            store.put(key, created);
            request.response().putHeader("Location", "http://127.0.0.1/" + noun + "s/" + key);
            withEtag(request, 201, created);
        }
    }

    /** drivers-service's If-Match rule (web/Revisions): 428 without it, 412 when it names another revision. */
    private static boolean stale(HttpServerRequest request, JsonObject current) {
        String ifMatch = request.getHeader("If-Match");
        String etag = "\"" + current.getLong("revision") + "\"";
        if (ifMatch == null) {
            RecordedApis.problem(request, 428, "Precondition required", "This update needs an If-Match header with "
                    + "the ETag of the version you read (current ETag " + etag + ")");
            return true;
        }
        if (!ifMatch.equals(etag)) {
            RecordedApis.problem(request, 412, "Precondition failed", "If-Match " + ifMatch + " does not match the "
                    + "current ETag " + etag + ": someone changed it since you read it; read it again and retry");
            return true;
        }
        return false;
    }

    private void subscriptions(HttpServerRequest request, String method, String[] parts, String body) {
        if (parts.length == 1 && method.equals("GET")) {
            RecordedApis.json(request, 200, RecordedApis.page(new JsonArray(List.copyOf(subscriptions.values()))));
        } else if (parts.length == 1 && method.equals("POST")) {
            createSubscription(request, new JsonObject(body));
        } else if (!subscriptions.containsKey(parts[1])) {
            RecordedApis.problem(request, 404, "Not found", "No subscription has the id " + parts[1]);
        } else if (parts.length == 2 && method.equals("GET")) {
            RecordedApis.json(request, 200, subscriptions.get(parts[1]));
        } else if (parts.length == 2 && method.equals("DELETE")) {
            subscriptions.get(parts[1]).put("active", false).put("disabledReason", "disabled by an admin");
            request.response().setStatusCode(204).end();
        } else if (parts[2].equals("enable")) {
            RecordedApis.json(request, 200, subscriptions.get(parts[1]).put("active", true).putNull("disabledReason"));
        } else if (parts[2].equals("template") || parts[2].equals("preview")) {
            template(request, subscriptions.get(parts[1]), parts[2], new JsonObject(body));
        } else {
            RecordedApis.problem(request, 405, "Method not allowed", method + " " + request.path());
        }
    }

    /** alerts-service's ReceiverRequest checks, the ones a form can break. */
    private void createSubscription(HttpServerRequest request, JsonObject created) {
        String kind = created.getString("receiver", "WEBHOOK");
        if (!kind.equals("EMAIL") && !kind.equals("PAGERDUTY") && created.getString("url") == null) {
            validation(request, "url", "is required for a " + kind + " receiver");
        } else if (kind.equals("EMAIL") != created.containsKey("recipients")) {
            validation(request, "recipients", kind.equals("EMAIL") ? "is required for an EMAIL receiver"
                    : "only an EMAIL receiver has recipients");
        } else if (kind.equals("PAGERDUTY") != created.containsKey("routingKey")) {
            validation(request, "routingKey", kind.equals("PAGERDUTY") ? "is required for a PAGERDUTY receiver"
                    : "only a PAGERDUTY receiver has a routing key");
        } else {
            String id = UUID.randomUUID().toString();
            JsonObject template = created.getJsonObject("template", new JsonObject());
            created.remove("routingKey");
            created.put("id", id).put("receiver", kind).put("active", true).put("template", new JsonObject()
                    .put("title", template.getString("title", "{alert.measure.name}: {alert.kind} ({event})"))
                    .put("text", template.getString("text", "{alert.summary}")));
            subscriptions.put(id, created.copy());
            if (kind.equals("WEBHOOK")) {
                created.put("secret", "whsec_c2VjcmV0LWZvci10ZXN0cw");
            }
            request.response().putHeader("Location", "http://127.0.0.1/subscriptions/" + id);
            RecordedApis.json(request, 201, created);
        }
    }

    /** Saves or renders a template; a part with an unclosed expression does not parse, as Qute would say. */
    private static void template(HttpServerRequest request, JsonObject subscription, String action, JsonObject body) {
        JsonObject template = action.equals("template") ? body : body.getJsonObject("template", new JsonObject());
        for (String part : List.of("title", "text")) {
            String value = template.getString(part, "");
            if (value.chars().filter(c -> c == '{').count() != value.chars().filter(c -> c == '}').count()) {
                RecordedApis.json(request, 422, new JsonObject().put("title", "Unprocessable").put("status", 422)
                        .put("detail", "A template part does not parse").put("violations", new JsonArray().add(
                                new JsonObject().put("field", "template." + part).put("message",
                                        "unterminated expression"))));
                return;
            }
        }
        if (action.equals("template")) {
            subscription.put("template", new JsonObject().put("title", template.getString("title"))
                    .put("text", template.getString("text")));
            RecordedApis.json(request, 200, subscription);
            return;
        }
        String title = render(template.getString("title", subscription.getJsonObject("template").getString("title")));
        String text = render(template.getString("text", subscription.getJsonObject("template").getString("text")));
        RecordedApis.json(request, 200, new JsonObject().put("receiver", subscription.getString("receiver"))
                .put("type", "topline.alert.fired").put("title", title).put("text", text)
                .put("link", "http://127.0.0.1:8080/console/inbox/00000000-0000-0000-0000-000000000000")
                .put("url", subscription.getString("url"))
                .put("body", new JsonObject().put("text", title).put("blocks", new JsonArray().add(new JsonObject()
                        .put("type", "section").put("text", new JsonObject().put("type", "mrkdwn")
                                .put("text", text)))).encodePrettily()));
    }

    /** The sample firing's values, for the few expressions the tests write. */
    private static String render(String template) {
        return template.replace("{alert.measure.name}", "Closing ratio").replace("{alert.kind}", "MISSED")
                .replace("{event}", "fired").replace("{alert.summary}", "Closing ratio missed its target in 2026-W49");
    }

    private void policies(HttpServerRequest request, String method, String[] parts, String body) {
        if (parts.length == 1 && method.equals("GET")) {
            RecordedApis.json(request, 200, RecordedApis.page(new JsonArray(List.copyOf(policies.values()))));
        } else if (parts.length == 1 && method.equals("POST")) {
            JsonObject created = new JsonObject(body);
            if (created.getJsonArray("steps", new JsonArray()).isEmpty()) {
                validation(request, "steps", "size must be between 1 and 10");
                return;
            }
            String id = UUID.randomUUID().toString();
            created.put("id", id).put("active", true).put("createdBy", "ada@example.com");
            policies.put(id, created);
            RecordedApis.json(request, 201, created);
        } else if (parts.length == 3 && parts[2].equals("disable") && policies.containsKey(parts[1])) {
            RecordedApis.json(request, 200, policies.get(parts[1]).put("active", false));
        } else {
            RecordedApis.problem(request, 404, "Not found", "No escalation policy has the id " + parts[1]);
        }
    }

    private static void withEtag(HttpServerRequest request, int status, JsonObject definition) {
        request.response().putHeader("ETag", "\"" + definition.getLong("revision") + "\"");
        RecordedApis.json(request, status, definition);
    }

    private static void validation(HttpServerRequest request, String field, String message) {
        RecordedApis.json(request, 400, new JsonObject().put("type", "https://topline.io/problems/validation")
                .put("title", "Bad request").put("status", 400).put("detail", "The request has invalid fields")
                .put("violations", new JsonArray().add(new JsonObject().put("field", field).put("message", message))));
    }
}
