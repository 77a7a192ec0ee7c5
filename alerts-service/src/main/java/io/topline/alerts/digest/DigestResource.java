package io.topline.alerts.digest;

import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The digest as of now: what the leadership team's scheduled summary would say. */
@Path("/digest")
@Tag(name = "Digest", description = "The leadership team's summary: red and amber measures, their causes, open alerts")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestService digests;

    public DigestResource(DigestService digests) {
        this.digests = digests;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ONCALL, Roles.ADMIN})
    @Operation(operationId = "getDigest", summary = "Read the digest as of now", description = "Every active "
            + "measure's latest evaluated period counted by status, the red (MISSED) and amber (AT_RISK) ones with the "
            + "likely causes their open alerts name, and the open alerts: the data of the topline.digest message that "
            + "receivers with a digest schedule get.")
    @APIResponse(responseCode = "200", description = "The digest",
            content = @Content(schema = @Schema(implementation = Digest.class)))
    public Digest get() {
        return digests.current();
    }
}
