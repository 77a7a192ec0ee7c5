package io.topline.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.console.session.Session;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the APIs for the server-rendered pages, as the person signed in (their bearer token), and reads the answers
 * into the console's own view records. A problem answer becomes an {@link ApiException} with the API's own detail.
 */
@ApplicationScoped
public class ApiClient {

    private final ServicesConfig config;
    private final Session session;
    private final ObjectMapper json;
    private final HttpClient http;

    public ApiClient(ServicesConfig config, Session session, ObjectMapper json) {
        this.config = config;
        this.session = session;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** GETs {@code pathAndQuery} from {@code service} and reads the body as {@code type}. */
    public <T> T get(Service service, String pathAndQuery, Class<T> type) {
        String body = send(service, request(service, pathAndQuery).GET());
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "Unreadable answer", service.serviceName() + " answered " + pathAndQuery
                    + " with a body the console cannot read");
        }
    }

    /** POSTs {@code body} as JSON to {@code path} of {@code service}; the answer's body is returned as a tree. */
    public JsonNode post(Service service, String path, Object body) {
        return write(service, "POST", path, body, null);
    }

    /**
     * Sends {@code body} as JSON with {@code method} to {@code path}, with {@code If-Match: "revision"} when a
     * revision is given (drivers-service's ETag is the revision as last read); the answer's body is returned as a
     * tree, an empty one (204) as a JSON null.
     */
    public JsonNode write(Service service, String method, String path, Object body, Long revision) {
        try {
            HttpRequest.Builder request = request(service, path);
            if (revision != null) {
                request.header("If-Match", "\"" + revision + "\"");
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            String sent = send(service, request);
            return sent.isBlank() ? json.nullNode() : json.readTree(sent);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "Unreadable answer", service.serviceName() + " answered " + path
                    + " with a body the console cannot read");
        }
    }

    /** Reads a tree answer (from {@link #write}) as {@code type}. */
    public <T> T read(JsonNode answer, Class<T> type) {
        try {
            return json.treeToValue(answer, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "Unreadable answer", "The API answered with a body the console cannot read");
        }
    }

    private HttpRequest.Builder request(Service service, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl(config) + pathAndQuery))
                .timeout(config.timeout())
                .header("Accept", "application/json");
        session.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private String send(Service service, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ApiException(504, "Service did not answer", service.serviceName() + " did not answer within "
                    + config.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new ApiException(502, "Service unreachable", service.serviceName() + " cannot be reached at "
                    + service.baseUrl(config));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Interrupted", "The console is stopping");
        }
        if (response.statusCode() >= 300) {
            throw problem(service, response);
        }
        return response.body();
    }

    private ApiException problem(Service service, HttpResponse<String> response) {
        String title = "HTTP " + response.statusCode();
        String detail = service.serviceName() + " refused the request";
        List<String> violations = new ArrayList<>();
        try {
            JsonNode problem = json.readTree(response.body());
            title = problem.path("title").asText(title);
            detail = problem.path("detail").asText(detail);
            problem.path("violations").forEach(v -> violations.add(v.path("field").asText("") + ": "
                    + v.path("message").asText("")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not a problem document: the generic title and detail say enough
        }
        return new ApiException(response.statusCode(), title, detail, violations);
    }
}
