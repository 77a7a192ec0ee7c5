package io.topline.drivers.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

/**
 * alerts-service's API as drivers-service calls it, with the caller's bearer token: the alerting definitions
 * (docs/definitions-as-code.md) and the target backtest. Every method answers the raw response, so that its problem
 * can be mapped back to the organisation file.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterClientHeaders(BearerTokenPropagation.class)
public interface AlertingApi {

    @POST
    @Path("alerting-definitions/plan")
    Response plan(JsonNode sections, @QueryParam("prune") boolean prune);

    @POST
    @Path("alerting-definitions/apply")
    Response apply(JsonNode sections, @QueryParam("prune") boolean prune,
                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch);

    @GET
    @Path("alerting-definitions")
    Response export();

    @POST
    @Path("evaluations/backtest")
    Response backtest(JsonNode request);
}
