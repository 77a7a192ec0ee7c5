package io.topline.chassis.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.topline.chassis.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, before any resource runs, what no resource could hold: a request target or headers beyond
 * {@link HttpLimitsConfig}, a declared body beyond {@code quarkus.http.limits.max-body-size}, and a percent-encoded
 * NUL in the path or query (PostgreSQL cannot store or even compare it), and a missing or malformed Host. It also turns the router's own refusals
 * (a body that grows past the limit, an undecodable path) into problem responses instead of bare status lines.
 */
@ApplicationScoped
public class RequestGuard {

    /**
     * After Quarkus's access log, CORS and (where one is installed) body handler, which sit at the lowest orders, and
     * before security and REST (orders 0 and up); a body handler refuses an over-long body itself, answered below.
     */
    static final int ORDER = -10_000;

    private static final List<Integer> ROUTER_REFUSALS = List.of(400, 404, 405, 413, 414, 415, 431);

    private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 404, "Not Found",
            405, "Method Not Allowed", 413, "Payload Too Large", 414, "URI Too Long", 415, "Unsupported Media Type",
            431, "Request Header Fields Too Large");

    @Inject
    HttpLimitsConfig limits;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard).failureHandler(this::refusedByTheRouter);
    }

    /**
     * A failure with a 4xx status, raised by Vert.x Web or Quarkus before any resource ran (an undecodable path or
     * query, a missing Host, a body past the limit), which Quarkus's own failure handler would answer with a bare
     * status line; anything else goes on to that handler, which logs it.
     */
    private void refusedByTheRouter(RoutingContext context) {
        int status = context.statusCode();
        if (ROUTER_REFUSALS.contains(status)) {
            refuse(context, status, detailOf(status, context));
        } else {
            context.next();
        }
    }

    private void guard(RoutingContext context) {
        String uri = context.request().uri();
        if (context.request().authority() == null) {
            // HTTP/1.1 requires a Host (RFC 9112, 3.2); Vert.x fails deeper, as a 500, on a missing or malformed one
            refuse(context, 400, "The Host header is missing or is not a host with an optional port");
        } else if (uri.length() > limits.maxUriLength()) {
            refuse(context, 414, "The request target is longer than " + limits.maxUriLength() + " characters");
        } else if (headerBytes(context) > limits.maxHeaderBytes()) {
            refuse(context, 431, "The request headers are larger than " + limits.maxHeaderBytes() + " bytes");
        } else if (declaredLength(context) > maxBodySize.asLongValue()) {
            refuse(context, 413, "The request body is larger than " + maxBodySize.asLongValue() + " bytes");
        } else if (!wellEscaped(uri)) {
            refuse(context, 400, "The request target has a '%' that is not followed by two hexadecimal digits");
        } else if (uri.toLowerCase(Locale.ROOT).contains("%00")) {
            refuse(context, 400, "The request's path or query holds a NUL character (%00), which cannot be stored");
        } else {
            context.next();
        }
    }

    /** Whether every {@code %} starts an escape of two hexadecimal digits, as RFC 3986 requires. */
    static boolean wellEscaped(String uri) {
        for (int at = uri.indexOf('%'); at >= 0; at = uri.indexOf('%', at + 1)) {
            if (at + 2 >= uri.length() || Character.digit(uri.charAt(at + 1), 16) < 0
                    || Character.digit(uri.charAt(at + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static long headerBytes(RoutingContext context) {
        long bytes = 0;
        for (Map.Entry<String, String> header : context.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0; // the codec has already refused a malformed length
        }
    }

    private String detailOf(int status, RoutingContext context) {
        return switch (status) {
            case 413 -> "The request body is larger than " + maxBodySize.asLongValue() + " bytes";
            case 404 -> "There is nothing at " + context.request().path();
            case 405 -> "Method " + context.request().method() + " is not allowed here";
            default -> diagnosis(context);
        };
    }

    private static String diagnosis(RoutingContext context) {
        if (context.request().authority() == null) {
            return "The Host header is missing or is not a host with an optional port";
        }
        if (!wellEscaped(context.request().uri())) {
            return "The request target has a '%' that is not followed by two hexadecimal digits";
        }
        return "The request target or headers could not be read";
    }

    private void refuse(RoutingContext context, int status, String detail) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String title = TITLES.getOrDefault(status, "Bad Request");
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, safePath(context), null);
        try {
            response.setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(status).end();
        }
    }

    /** The path as the client sent it, cut short: it may be the very thing refused. */
    private static String safePath(RoutingContext context) {
        String path = context.request().path();
        if (path == null) {
            return "/";
        }
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
