package io.topline.metrics.ingestkey;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Ingest keys for internal systems; admin only, since a key lets its holder report numbers. */
@Path("/ingest-keys")
@Tag(name = "Ingest keys", description = "A key per source system, scoped to measures, for posting measurements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IngestKeyResource {

    private static final String ID = "The ingest key's id";
    private static final String ID_EXAMPLE = "0c9e4a1b-7d2f-4e8a-9b3c-5f6a7d8e9f01";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no ingest key has this id (or it is "
            + "not a UUID).";

    private final IngestKeyService keys;
    private final SecurityIdentity identity;
    private final Paging paging;

    public IngestKeyResource(IngestKeyService keys, SecurityIdentity identity, Paging paging) {
        this.keys = keys;
        this.identity = identity;
        this.paging = paging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIngestKey", summary = "Create an ingest key", description = "Creates a key for "
            + "one source system that may post measurements of the listed measures only; a measurement posted with it "
            + "takes its source from the key. The response carries the secret (key, starting tlk_) once: only its "
            + "hash is kept. Send it as 'Authorization: Bearer tlk_...'.")
    @APIResponse(responseCode = "201", description = "Created; key holds the secret, shown only now",
            content = @Content(schema = @Schema(implementation = IngestKeyResponse.class)))
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: a listed measure is "
            + "unknown (violations names each).")
    public Response create(@Valid @NotNull CreateIngestKeyRequest request) {
        IngestKeyService.Created created = keys.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/ingest-keys/" + created.key().id()))
                .entity(IngestKeyResponse.of(created.key(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listIngestKeys", summary = "List ingest keys", description = "Every key, revoked ones "
            + "too, newest first, with its prefix and last use but never its secret. page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of ingest keys")
    public Page<IngestKeyResponse> list(@BeanParam PageParams page) {
        return keys.list(paging.request(page)).map(key -> IngestKeyResponse.of(key, null));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIngestKey", summary = "Read an ingest key", description = "One key, without its "
            + "secret; lastUsedAt is at most topline.ingest-keys.cache-max-age (1 s) old.")
    @APIResponse(responseCode = "200", description = "The ingest key",
            content = @Content(schema = @Schema(implementation = IngestKeyResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public IngestKeyResponse get(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return IngestKeyResponse.of(keys.get(uuid(id)), null);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(operationId = "revokeIngestKey", summary = "Revoke an ingest key", description = "Revokes the key for "
            + "good: requests with it are refused (401) on this instance at once and on the others within "
            + "topline.ingest-keys.cache-max-age (1 s).")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(schema = @Schema(implementation = IngestKeyResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "revoked`: the key was already revoked.")
    public IngestKeyResponse revoke(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return IngestKeyResponse.of(keys.revoke(uuid(id), identity.getPrincipal().getName()), null);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Ingest key", id);
        }
    }
}
