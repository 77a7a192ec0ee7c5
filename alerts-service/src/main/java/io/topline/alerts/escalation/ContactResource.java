package io.topline.alerts.escalation;

import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.openapi.ProblemTypes;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/** People's contact routes, by the address drivers and measures name their owners by; admin only. */
@Path("/contacts")
@Tag(name = "Escalation", description = "Who is told next, step by step, while a firing alert stays unacknowledged")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ContactResource {

    private static final String EMAIL = "The person's e-mail address, as owners are named (any case)";
    private static final String EMAIL_EXAMPLE = "carla@example.com";
    private static final String EMAIL_PATTERN = "^[^\\s,@/]+@[^\\s,@/]+$";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: no contact has this address.";

    private final EscalationService escalations;
    private final SecurityIdentity identity;
    private final Paging paging;

    public ContactResource(EscalationService escalations, SecurityIdentity identity, Paging paging) {
        this.escalations = escalations;
        this.identity = identity;
        this.paging = paging;
    }

    @PUT
    @Path("/{email}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putContact", summary = "Set a person's contact routes", description = "Creates or "
            + "replaces the receivers (subscription ids) that reach this person when an escalation names them, as "
            + "an owner or by address.")
    @APIResponse(responseCode = "200", description = "The contact as it now is",
            content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: the address or a field is "
            + "malformed (violations names it).")
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: a route is no "
            + "subscription.")
    public ContactResponse put(@Parameter(description = EMAIL, example = EMAIL_EXAMPLE) @PathParam("email")
                               @Size(max = 200) @Pattern(regexp = EMAIL_PATTERN) String email,
                               @Valid @NotNull PutContactRequest request) {
        return ContactResponse.of(escalations.putContact(email, request, identity.getPrincipal().getName()));
    }

    @GET
    @Operation(operationId = "listContacts", summary = "List contacts", description = "Every contact by address. "
            + "page is zero-based.")
    @APIResponse(responseCode = "200", description = "One page of contacts")
    public Page<ContactResponse> list(@BeanParam PageParams page) {
        return escalations.contacts(paging.request(page)).map(ContactResponse::of);
    }

    @GET
    @Path("/{email}")
    @Operation(operationId = "getContact", summary = "Read a contact", description = "One person's routes.")
    @APIResponse(responseCode = "200", description = "The contact",
            content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public ContactResponse get(@Parameter(description = EMAIL, example = EMAIL_EXAMPLE) @PathParam("email")
                               String email) {
        return ContactResponse.of(escalations.contact(email));
    }

    @DELETE
    @Path("/{email}")
    @Operation(operationId = "deleteContact", summary = "Delete a contact", description = "The person is no longer "
            + "reachable by escalations (a step naming them records them as unreached).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Response delete(@Parameter(description = EMAIL, example = EMAIL_EXAMPLE) @PathParam("email") String email) {
        escalations.deleteContact(email);
        return Response.noContent().build();
    }
}
