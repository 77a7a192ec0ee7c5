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
        try {
            String sent = send(service, request(service, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
            return sent.isBlank() ? json.nullNode() : json.readTree(sent);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "Unreadable answer", service.serviceName() + " answered " + path
                    + " with a body the console cannot read");
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
        try {
            JsonNode problem = json.readTree(response.body());
            title = problem.path("title").asText(title);
            detail = problem.path("detail").asText(detail);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not a problem document: the generic title and detail say enough
        }
        return new ApiException(response.statusCode(), title, detail);
    }
}
