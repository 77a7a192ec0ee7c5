package io.topline.console.proxy;

import io.topline.console.api.Service;
import io.topline.console.api.ServicesConfig;
import io.topline.console.session.BearerTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Serves the three APIs under {@code /api} of the console's origin: a request for {@code /api/<path>} goes to the
 * service that owns {@code <path>}, as the person signed in ({@code Authorization: Bearer} from their session), and
 * its answer streams back unchanged, the server-sent events of {@code /alerts/stream} included.
 */
@ApplicationScoped
public class ApiProxy {

    static final String PREFIX = "/api";
    /** Request headers the APIs read; cookies and the browser's own authorization never leave the console. */
    private static final List<String> REQUEST_HEADERS = List.of("Accept", "Content-Type", "If-Match",
            "If-None-Match", "Idempotency-Key", "Last-Event-ID");
    /** Response headers the browser needs; hop-by-hop headers are the proxy's own. */
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Length", "ETag",
            "Location", "Retry-After", "Cache-Control", "Warning");

    private final ServicesConfig config;
    private final BearerTokens tokens;
    private HttpClient client;

    public ApiProxy(ServicesConfig config, BearerTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    void route(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50)
                .setConnectTimeout((int) config.timeout().toMillis()));
        router.route(PREFIX + "/*").handler(this::forward);
    }

    private void forward(RoutingContext context) {
        HttpServerRequest request = context.request();
        // dot segments are resolved first, so "/api/alerts/../q/env" can never pass for a path of alerts-service
        String normalized = context.normalizedPath();
        if (!normalized.startsWith(PREFIX + "/")) {
            problem(context, 404, "Not Found", "No API of the suite serves " + normalized);
            return;
        }
        String path = normalized.substring(PREFIX.length());
        Optional<Service> service = Service.owning(path);
        if (service.isEmpty()) {
            problem(context, 404, "Not Found", "No API of the suite serves " + path);
            return;
        }
        Optional<String> token = tokens.of(context);
        if (token.isEmpty()) {
            problem(context, 401, "Unauthorized", "Sign in to the console first");
            return;
        }
        request.pause();
        URI base = service.get().baseUrl(config);
        boolean stream = path.equals("/alerts/stream");
        RequestOptions options = new RequestOptions().setMethod(request.method()).setAbsoluteURI(base
                        + path + (request.query() == null ? "" : "?" + request.query()))
                .setIdleTimeout((stream ? config.streamIdleTimeout() : config.timeout()).toMillis());
        REQUEST_HEADERS.forEach(name -> {
            String value = request.getHeader(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        });
        options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
        client.request(options)
                .compose(upstream -> body(context) != null ? upstream.send(body(context))
                        : request.isEnded() ? upstream.send() : upstream.send(request))
                .onSuccess(upstream -> relay(context, upstream))
                .onFailure(failure -> problem(context, 502, "Bad Gateway", service.get().serviceName()
                        + " cannot be reached or did not answer in time"));
    }

    /** The body when the router has read it already (a body handler ran), else null: it is streamed instead. */
    private static Buffer body(RoutingContext context) {
        return context.body() == null ? null : context.body().buffer();
    }

    private void relay(RoutingContext context, HttpClientResponse upstream) {
        HttpServerResponse response = context.response();
        if (response.closed() || response.ended()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode());
        RESPONSE_HEADERS.forEach(name -> {
            String value = upstream.getHeader(name);
            if (value != null) {
                response.putHeader(name, name.equals("Location") ? PREFIX + URI.create(value).getRawPath() : value);
            }
        });
        if (upstream.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        // a browser that goes away closes the upstream connection too, so no stream is left open behind it
        response.closeHandler(closed -> upstream.request().reset());
        upstream.pipeTo(response);
    }

    private static void problem(RoutingContext context, int status, String title, String detail) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).put("instance", context.request().path()).encode());
    }
}
