package io.topline.metrics.measurement;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import io.smallrye.mutiny.Uni;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.topline.metrics.ingest.IdempotencyService.StoredResponse;
import io.topline.metrics.ingestkey.IngestKeyGrant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ingestion of measurements over HTTP, one or in batches, and the raw measurements for reading. */
@Path("/measurements")
@Tag(name = "Measurements", description = "The numbers internal systems report, one or in batches, and reading them back")
@Produces(MediaType.APPLICATION_JSON)
public class MeasurementResource {

    private static final String INVALID_MEASUREMENT = "`" + Problem.TYPE_BASE + "invalid-measurement`: the "
            + "measurement breaks rules (an unknown or archived measure, a value that is not a finite decimal within "
            + "the bound, an occurredAt without offset or outside the accepted window, a missing or too long field); "
            + "violations lists every one.";
    private static final String FORBIDDEN = "`" + ProblemTypes.FORBIDDEN + "`: the token carries no ingest role. `"
            + Problem.TYPE_BASE + "ingest-key-scope`: posted with an ingest key, a measurement names a measure outside "
            + "the key's scope or a source other than the key's (violations names each); nothing was written.";
    private static final String CLIENT_ID = "The client id the measurement was posted with";
    private static final String MEASUREMENT_NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no measurement was "
            + "posted with this client id.";
    private static final String CLIENT_ID_CONFLICT = "`" + Problem.TYPE_BASE + "client-id-conflict`: a client id "
            + "was already recorded with different content";

    private final MeasurementService service;
    private final Paging paging;
    private final SecurityIdentity identity;
    private final MeasurementCorrections corrections;

    public MeasurementResource(MeasurementService service, Paging paging, SecurityIdentity identity,
                               MeasurementCorrections corrections) {
        this.service = service;
        this.paging = paging;
        this.identity = identity;
        this.corrections = corrections;
    }

    /**
     * Records one measurement: 201 when stored, 200 when its client id was already stored with the same content.
     * Non-blocking: the response completes when the group commit that holds it has committed.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    @Operation(operationId = "recordMeasurement", summary = "Record a measurement", description = "Stores one "
            + "measurement, merges it into its period's actual and publishes the change, all committed before the "
            + "answer. A retry with the same client id and content is answered 200 as a duplicate and stored once.")
    @APIResponse(responseCode = "201", description = "Stored (status ACCEPTED)",
            content = @Content(schema = @Schema(implementation = RecordMeasurementResponse.class)))
    @APIResponse(responseCode = "200", description = "Its client id was already stored with the same content "
            + "(status DUPLICATE); nothing changed",
            content = @Content(schema = @Schema(implementation = RecordMeasurementResponse.class)))
    @APIResponse(responseCode = "409", description = CLIENT_ID_CONFLICT + "; nothing was written.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "422", description = INVALID_MEASUREMENT)
    @APIResponse(responseCode = "503", description = "`" + ProblemTypes.UNAVAILABLE + "`: the service is shutting "
            + "down; nothing was written, retry (another instance takes it).")
    public Uni<Response> record(RecordMeasurementRequest request) {
        return service.record(IngestKeyGrant.restrict(identity, request)).map(response -> Response
                .status(RecordMeasurementResponse.ACCEPTED.equals(response.status()) ? 201 : 200)
                .entity(response).build());
    }

    /** Records a batch all or nothing; honours {@code Idempotency-Key}. */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    @Operation(operationId = "recordMeasurementBatch", summary = "Record a batch of measurements", description = "Stores "
            + "every item or none, in one transaction with the actuals they change and their events. Items whose "
            + "client id is already stored with the same content count as duplicates. With Idempotency-Key, a retry "
            + "of the same body is answered with the first response (marked Idempotent-Replayed), client errors "
            + "included.")
    @APIResponse(responseCode = "200", description = "Recorded, or the replay of the first response to this "
            + "Idempotency-Key", content = @Content(schema = @Schema(implementation = RecordBatchResponse.class)),
            headers = @Header(name = "Idempotent-Replayed", description = "true when this is the recorded response "
                    + "of an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`" + Problem.TYPE_BASE + "invalid-idempotency-key`: "
            + "Idempotency-Key is empty or longer than 255 characters.")
    @APIResponse(responseCode = "409", description = CLIENT_ID_CONFLICT + ", or two items share an id with "
            + "different content; nothing was written. `" + Problem.TYPE_BASE + "idempotency-key-in-flight`: a "
            + "request with this Idempotency-Key is still being processed; retry later.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "413", description = "`" + Problem.TYPE_BASE + "batch-too-large`: the batch holds "
            + "more items than topline.ingest.batch-max-items (10,000 unless configured).")
    @APIResponse(responseCode = "422", description = "`" + Problem.TYPE_BASE + "invalid-measurement`: the batch has "
            + "no items, or items break rules (as for one measurement); violations lists every one, with its index, "
            + "and nothing was written. `" + Problem.TYPE_BASE + "idempotency-key-reused`: this Idempotency-Key was "
            + "first used with another body.")
    public Response recordBatch(RecordMeasurementBatchRequest request,
                                @Parameter(description = "Optional: a key, 1 to 255 characters, that makes retries of "
                                        + "this request safe; the response is recorded for it",
                                        example = "nightly-crm-export-2026-11-30")
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context SecurityContext security) {
        StoredResponse response = service.recordBatch(IngestKeyGrant.restrict(identity, request), idempotencyKey,
                security.getUserPrincipal().getName());
        Response.ResponseBuilder builder = Response.status(response.status()).type(response.contentType())
                .entity(response.body());
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }

    /** Corrects a stored measurement's value; its period's actual is recounted and published. */
    @POST
    @Path("/{id}/correct")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @Operation(operationId = "correctMeasurement", summary = "Correct a measurement", description = "Gives the "
            + "measurement stored under this client id another value. Its period's actual is recounted from the "
            + "measurements that count and published with a new revision in the same transaction, so evaluations and "
            + "alerts follow (a final period becomes REVISED). An ingest key may correct only measurements of its "
            + "own source and measures. A late retry of the original post stays a duplicate.")
    @APIResponse(responseCode = "200", description = "Corrected",
            content = @Content(schema = @Schema(implementation = CorrectionResponse.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = MEASUREMENT_NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "retracted`: the measurement was "
            + "retracted.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: the value is out of "
            + "bounds, or the measurement occurred before the ingest horizon.")
    public CorrectionResponse correct(@Parameter(description = CLIENT_ID, example = "crm-2026-11-20-leads")
                                      @PathParam("id") String id,
                                      @Valid @NotNull CorrectMeasurementRequest request) {
        return corrections.correct(id, request, identity.getPrincipal().getName(),
                IngestKeyGrant.of(identity).orElse(null));
    }

    /** Retracts a stored measurement: it stays stored but no longer counts. */
    @POST
    @Path("/{id}/retract")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @Operation(operationId = "retractMeasurement", summary = "Retract a measurement", description = "Takes the "
            + "measurement stored under this client id out of its period's actual (it stays stored, and its client id "
            + "stays taken, so a late retry cannot bring it back). The actual is recounted and published as for a "
            + "correction.")
    @APIResponse(responseCode = "200", description = "Retracted",
            content = @Content(schema = @Schema(implementation = CorrectionResponse.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "404", description = MEASUREMENT_NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "retracted`: already retracted. `"
            + Problem.TYPE_BASE + "last-measurement`: it is the only measurement of its period that counts; correct "
            + "its value instead.")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: the measurement "
            + "occurred before the ingest horizon.")
    public CorrectionResponse retract(@Parameter(description = CLIENT_ID, example = "crm-2026-11-20-leads")
                                      @PathParam("id") String id,
                                      @Valid RetractMeasurementRequest request) {
        return corrections.retract(id, request, identity.getPrincipal().getName(),
                IngestKeyGrant.of(identity).orElse(null));
    }

    /** Raw measurements of a measure that occurred in [{@code from}, {@code to}) (instants or periods), oldest first, paginated. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(operationId = "listMeasurements", summary = "List measurements", description = "The raw measurements "
            + "of a measure that occurred in [from, to), oldest first. Each bound is an ISO-8601 instant with an offset "
            + "or a period label (2026-W48, 2026-11, 2026-Q4): from a period is from its first instant, to a period "
            + "is up to its end, the period included. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of measurements")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: measure is missing, from or "
            + "to is neither an ISO-8601 instant with an offset nor a period label, or page or size is out of its range (violations names "
            + "it).")
    public Page<MeasurementResponse> list(@Parameter(description = "The measure's key", required = true,
                                        example = "closing-ratio") @QueryParam("measure") @NotBlank String measure,
                                @Parameter(description = "Only measurements that occurred at or after this: an "
                                        + "ISO-8601 instant with an offset, or a period label (2026-W48, 2026-11, "
                                        + "2026-Q4) for the period's first instant",
                                        example = "2026-11-01T00:00:00Z") @QueryParam("from") String from,
                                @Parameter(description = "Only measurements that occurred before this: an ISO-8601 "
                                        + "instant with an offset (excluded), or a period label for the end of that "
                                        + "period (the period included)",
                                        example = "2026-11") @QueryParam("to") String to,
                                @BeanParam PageParams page) {
        return service.list(measure, from, to, paging.request(page));
    }
}
