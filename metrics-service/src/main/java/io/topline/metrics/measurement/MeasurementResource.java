package io.topline.metrics.measurement;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import io.smallrye.mutiny.Uni;
import io.topline.metrics.ingest.IdempotencyService.StoredResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Ingestion of measurements over HTTP, one or in batches, and the raw measurements for reading. */
@Path("/measurements")
@Produces(MediaType.APPLICATION_JSON)
public class MeasurementResource {

    private final MeasurementService service;
    private final Paging paging;

    public MeasurementResource(MeasurementService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    /**
     * Records one measurement: 201 when stored, 200 when its client id was already stored with the same content.
     * Non-blocking: the response completes when the group commit that holds it has committed.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    public Uni<Response> record(RecordMeasurementRequest request) {
        return service.record(request).map(response -> Response
                .status(RecordMeasurementResponse.ACCEPTED.equals(response.status()) ? 201 : 200)
                .entity(response).build());
    }

    /** Records a batch all or nothing; honours {@code Idempotency-Key}. */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    public Response recordBatch(RecordMeasurementBatchRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context SecurityContext security) {
        StoredResponse response = service.recordBatch(request, idempotencyKey, security.getUserPrincipal().getName());
        Response.ResponseBuilder builder = Response.status(response.status()).type(response.contentType())
                .entity(response.body());
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }

    /** Raw measurements of a measure that occurred in [{@code from}, {@code to}), oldest first, paginated. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public Page<MeasurementResponse> list(@QueryParam("measure") @NotBlank String measure,
                                          @QueryParam("from") String from,
                                          @QueryParam("to") String to,
                                          @BeanParam PageParams page) {
        return service.list(measure, from, to, paging.request(page));
    }
}
