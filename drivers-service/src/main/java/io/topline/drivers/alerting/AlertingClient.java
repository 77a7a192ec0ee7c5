package io.topline.drivers.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * drivers-service's side of alerts-service: plans, applies and exports an organisation file's alerting sections
 * there, and backtests targets, each with the caller's token. A refusal comes back as a {@link ProblemException} with
 * alerts-service's status and violations (paths in the file, for the caller to locate); alerts-service away or
 * failing is an {@link AlertingUnavailableException}.
 */
@ApplicationScoped
public class AlertingClient {

    /** Periods a target is backtested over when a plan adds it: a quarter of weeks, a year of months. */
    static final int BACKTEST_PERIODS = 13;

    private final AlertingApi api;
    private final AlertingConfig config;
    private final ObjectMapper mapper;

    public AlertingClient(AlertingConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(config.url())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(AlertingApi.class);
    }

    /** alerts-service's plan of the sections. */
    public AlertingPlan plan(ObjectNode sections, boolean prune) {
        return read(call(() -> api.plan(sections, prune)), AlertingPlan.class);
    }

    /** Applies the sections there (in its own transaction); {@code ifMatch} is an {@code alr-} ETag, * or null. */
    public AlertingPlan apply(ObjectNode sections, boolean prune, String ifMatch) {
        return read(call(() -> api.apply(sections, prune, ifMatch == null ? null : "\"" + ifMatch + "\"")),
                AlertingPlan.class);
    }

    /** The alerting sections as they stand, and their ETag. */
    public Export export() {
        Response response = call(api::export);
        String tag = response.getHeaderString(HttpHeaders.ETAG);
        JsonNode sections = read(response, JsonNode.class);
        return new Export(sections, tag == null ? null : tag.replace("\"", "").replaceFirst("^W/", ""));
    }

    /**
     * How the target would have fared over the measure's last periods that have ended; an explanation instead when
     * alerts-service cannot tell (away, failing, or without the backtest), since a backtest only informs a plan.
     */
    public Backtest backtest(String measure, BigDecimal successLevel, BigDecimal failureLevel) {
        ObjectNode request = mapper.createObjectNode().put("measure", measure).put("successLevel", successLevel)
                .put("failureLevel", failureLevel).put("periods", BACKTEST_PERIODS);
        try {
            Response response = outsideTransaction(() -> api.backtest(request));
            if (response.getStatus() == 200) {
                return new Backtest(response.readEntity(JsonNode.class), null);
            }
            JsonNode problem = body(response);
            return new Backtest(null, "no backtest: alerts-service could not run it (" + response.getStatus()
                    + (problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "") + ")");
        } catch (ProcessingException e) {
            return new Backtest(null, "no backtest: " + unreachable(e));
        }
    }

    private Response call(Supplier<Response> request) {
        try {
            return outsideTransaction(request);
        } catch (ProcessingException e) {
            // refused or unresolvable: the request never left; a timeout: it may have been carried out unanswered
            String outcome = reason(e).equals("no answer in time")
                    ? "; if this was an apply, its alerting part may have been applied all the same: plan again "
                    + "before retrying" : "; nothing was applied by this request, retry when it is back";
            throw new AlertingUnavailableException(unreachable(e) + outcome, e);
        }
    }

    /**
     * Runs an exchange with the caller's transaction suspended. The REST client's context propagation would otherwise
     * carry that transaction to the event-loop thread that answers; under load that thread can still hold it when
     * the caller commits, and Narayana then refuses the commit ("Enlisted connection used without active
     * transaction"), a 500 for a plan that only read.
     */
    private static Response outsideTransaction(Supplier<Response> exchange) {
        try {
            return QuarkusTransaction.suspendingExisting().call(exchange::get);
        } catch (QuarkusTransactionException e) {
            // the runner wraps whatever the exchange throws; the callers map the REST client's own exceptions
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private <T> T read(Response response, Class<T> type) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return response.readEntity(type);
        }
        JsonNode problem = body(response);
        String detail = problem.path("detail").asText("alerts-service answered " + status);
        switch (status) {
            case 400, 422, 412, 428 -> throw new ProblemException(status, slug(problem, status),
                    problem.path("title").asText("Refused"), detail, violations(problem));
            case 401, 403 -> throw new ProblemException(403, "forbidden", "Forbidden", "alerts-service refused the "
                    + "alerting sections for this token (" + status + "): receivers, silences, escalation policies "
                    + "and contacts need the topline-admin role", null);
            default -> throw new AlertingUnavailableException("alerts-service failed (" + status + ": " + detail
                    + "); nothing was applied by this request, retry later", null);
        }
    }

    private JsonNode body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(JsonNode.class) : mapper.createObjectNode();
        } catch (RuntimeException e) {
            return mapper.createObjectNode();
        }
    }

    private static String slug(JsonNode problem, int status) {
        String type = problem.path("type").asText("");
        return type.startsWith(Problem.TYPE_BASE) ? type.substring(Problem.TYPE_BASE.length())
                : status == 400 ? "validation" : "unprocessable";
    }

    private static List<Problem.Violation> violations(JsonNode problem) {
        if (!problem.path("violations").isArray()) {
            return null;
        }
        List<Problem.Violation> violations = new ArrayList<>();
        problem.path("violations").forEach(v -> violations.add(new Problem.Violation(v.path("field").asText(),
                v.path("message").asText())));
        return violations;
    }

    private String unreachable(ProcessingException e) {
        return "alerts-service is unreachable at " + config.url() + " (" + reason(e) + ")";
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return name.contains("Connect") ? "connection refused" : name.contains("Timeout") ? "no answer in time"
                : "the connection failed";
    }

    /** The alerting sections exported, and their ETag ({@code alr-...}). */
    public record Export(JsonNode sections, String etag) {
    }

    /** A backtest's answer as alerts-service gave it, or why there is none. */
    public record Backtest(JsonNode result, String unavailable) {
    }
}
