package io.topline.drivers.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.chassis.security.Roles;
import io.topline.chassis.openapi.ProblemTypes;
import jakarta.annotation.security.RolesAllowed;
import io.topline.drivers.organisation.OrganisationDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Imports a whole organisation's definitions in one call, and serves the bundled example organisation. */
@Path("/drivers/import")
@Tag(name = "Import", description = "A whole organisation in one call")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final String REFUSED = "`" + ProblemTypes.UNPROCESSABLE + "`: the definitions break rules "
            + "(keys listed twice, unknown or archived drivers, cycles, the focus rule, periods, levels, currencies, "
            + "fields that never change); violations lists every one, and nothing was applied.";
    private static final String RACE = "`" + ProblemTypes.CONFLICT + "`: a concurrent request created a measure "
            + "of the same key first; nothing was applied.";

    /** The example organisation (docs/architecture.md), bundled so that a newcomer sees a real organisation at once. */
    static final String EXAMPLE = "examples/example-organisation.json";

    private final ImportService service;
    private final ObjectMapper mapper;

    public ImportResource(ImportService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import definitions", description = "Creates or updates the drivers, measures and targets of "
            + "the file. Everything is checked first; any problem is a 422 listing all of them, and nothing is applied. "
            + "Idempotent: importing the same file twice changes nothing and publishes nothing.",
            operationId = "importDefinitions")
    @APIResponse(responseCode = "200", description = "What the import created, updated and left unchanged")
    @APIResponse(responseCode = "400", description = "`" + ProblemTypes.VALIDATION + "`: a field breaks its rule "
            + "(violations lists each), or there is no body.")
    @APIResponse(responseCode = "409", description = RACE)
    @APIResponse(responseCode = "422", description = REFUSED)
    public ImportResponse importDefinitions(@Valid @NotNull OrganisationDefinition body) {
        return service.importOrganisation(body);
    }

    @GET
    @Path("example")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read the bundled example organisation", description = "The file POST /drivers/import/example loads.",
            operationId = "getExampleOrganisation")
    @APIResponse(responseCode = "200", description = "The example organisation, in the import's format")
    public OrganisationDefinition example() {
        return readExample();
    }

    @POST
    @Path("example")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import the bundled example organisation", description = "Same as posting the example file to "
            + "/drivers/import; idempotent.", operationId = "importExampleOrganisation")
    @APIResponse(responseCode = "200", description = "What the import created, updated and left unchanged")
    @APIResponse(responseCode = "409", description = RACE)
    @APIResponse(responseCode = "422", description = "`" + ProblemTypes.UNPROCESSABLE + "`: the example clashes "
            + "with the definitions already there (an archived key, a measure that would change its driver, direction "
            + "or cadence, the focus rule); violations lists every clash, and nothing was applied.")
    public ImportResponse importExample() {
        return service.importOrganisation(readExample());
    }

    private OrganisationDefinition readExample() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("The example organisation " + EXAMPLE + " is missing from the build");
            }
            return mapper.readValue(in, OrganisationDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
