package io.topline.drivers.alerting;

import io.topline.chassis.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers an unreachable or failing alerts-service as a 503 problem that says so, with Retry-After; never a 500. */
public class AlertingUnavailableMapper {

    /** Seconds a caller waits before trying again: alerts-service restarts in about that time. */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(AlertingUnavailableMapper.class);

    @ServerExceptionMapper
    public Response unavailable(AlertingUnavailableException e, HttpServerRequest request) {
        LOG.warnf("%s %s: %s", request.method(), request.path(), e.getMessage());
        Problem problem = new Problem(Problem.TYPE_BASE + "alerting-unavailable", "alerts-service unavailable", 503,
                e.getMessage(), request.path(), null);
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
