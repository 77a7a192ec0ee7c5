package io.topline.chassis.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.topline.chassis.json.UnacceptableValueException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.Priorities;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Maps every error the service can return to an RFC 9457 problem response, without internals. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e, HttpServerRequest request) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), request, e.violations());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
        return respond(400, "validation", "Invalid request", "The request has " + violations.size()
                + " invalid field(s)", request, violations);
    }

    /**
     * Quarkus's own exception for invalid resource parameters; its built-in mapper answers plain JSON, so this one
     * takes precedence.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response resourceValidation(ResteasyReactiveViolationException e, HttpServerRequest request) {
        return validation(e, request);
    }

    /** Unknown fields: more specific than {@link #json}, so that Quarkus's built-in Jackson mappers do not win. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** Wrong types and formats, for the same reason as {@link #unknownField}. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return respond(400, "unknown-field", "Unknown field", "Field '" + field + "' is not part of this request",
                    request, List.of(new Problem.Violation(field, "unknown field")));
        }
        if (e instanceof UnacceptableValueException unacceptable) {
            String field = pathOf(unacceptable);
            return respond(400, "malformed-field", "Malformed field", "Field '" + field + "' " + unacceptable.reason(),
                    request, List.of(new Problem.Violation(field, unacceptable.reason())));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = pathOf((JsonMappingException) e);
            String message = "has the wrong type or format";
            return respond(400, "malformed-field", "Malformed field", "Field '" + field + "' " + message, request,
                    List.of(new Problem.Violation(field, message)));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String message = "is not a valid value";
            return respond(400, "malformed-field", "Malformed field", "Field '" + field + "' " + message, request,
                    List.of(new Problem.Violation(field, message)));
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            JsonParser parser = read.getProcessor();
            // bare NaN or Infinity never reach a deserializer: name the field the parser was reading
            String field = pathOf(parser.getParsingContext());
            if (field != null) {
                String message = "is not valid JSON (numbers must be finite JSON numbers)";
                return respond(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON at field '"
                        + field + "'", request, List.of(new Problem.Violation(field, message)));
            }
        }
        return respond(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", request, null);
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext current = context; current != null && !current.inRoot(); current = current.getParent()) {
            if (current.inObject() && current.getCurrentName() != null) {
                parts.add(0, (parts.isEmpty() || parts.get(0).startsWith("[") ? "" : ".") + current.getCurrentName());
            } else if (current.inArray() && current.getCurrentIndex() >= 0) {
                parts.add(0, "[" + current.getCurrentIndex() + "]");
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(403, "forbidden", "Forbidden", "Your token does not carry a role that may do this", request, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps what the parser found; answer with the field it names
            return json(json, request);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(status, "internal", "Internal error", "The service could not complete the request", request, null);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "There is nothing at " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "The service cannot produce the media type the request accepts";
            case 415 -> "The request body must be application/json (application/merge-patch+json for PATCH)";
            default -> e.getMessage();
        };
        Response.ResponseBuilder builder = problem(status, slugOf(title), title, detail, request, null);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    /**
     * Anything no other mapper took: a database that is unavailable or busy is 503 with {@code Retry-After} (nothing
     * was written, the client may retry), a lost uniqueness race 409, and only a defect 500 (see {@link Failures}).
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        switch (Failures.classify(e)) {
            case UNIQUENESS_RACE:
                // a concurrent request created the same thing between our check and our commit
                return respond(409, "conflict", "Conflict", "A concurrent request changed the same data first; read the "
                        + "current state and retry", request, null);
            case DATABASE_UNAVAILABLE:
            case DATABASE_BUSY:
                LOG.warnf("Database unavailable or busy on %s %s: %s", request.method(), request.path(), e);
                return problem(503, "unavailable", "Service unavailable", "The database could not serve the request "
                        + "now; nothing acknowledged was lost, retry after " + Failures.RETRY_AFTER_SECONDS + " s",
                        request, null)
                        .header(HttpHeaders.RETRY_AFTER, Failures.RETRY_AFTER_SECONDS)
                        .build();
            default:
                LOG.error("Unexpected failure on " + request.method() + " " + request.path(), e);
                return respond(500, "internal", "Internal error", "The service could not complete the request", request,
                        null);
        }
    }

    /** Whether a unique constraint of the database refused the write, however deep the transaction wrapped it. */
    static boolean isUniquenessRace(Throwable e) {
        return Failures.classify(e) == Failures.Kind.UNIQUENESS_RACE;
    }

    private static Response unauthenticated(HttpServerRequest request) {
        return problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required", request, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response respond(int status, String slug, String title, String detail, HttpServerRequest request,
                                    List<Problem.Violation> violations) {
        return problem(status, slug, title, detail, request, violations).build();
    }

    private static Response.ResponseBuilder problem(int status, String slug, String title, String detail,
                                                    HttpServerRequest request, List<Problem.Violation> violations) {
        Problem body = new Problem(Problem.TYPE_BASE + slug, title, status, detail, request.path(), violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static String slugOf(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /** The request field a violation names, without the method and parameter names of the resource. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // "<list element>" is Bean Validation's name for an item; the index is all a client needs
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.isEmpty()) {
            return parameter != null ? parameter : "body";
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
