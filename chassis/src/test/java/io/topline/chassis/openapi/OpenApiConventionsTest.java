package io.topline.chassis.openapi;

import io.topline.chassis.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the filter adds to an operation, and the schema it derives from the types a response's description names. */
class OpenApiConventionsTest {

    @Test
    void shouldAddTheSharedProblemsOfASecuredOperationWithABody() {
        OpenAPI openAPI = document(secured(withBody(operation(Map.of("201", ok(),
                "409", problem("`" + Problem.TYPE_BASE + "duplicate-key`: taken. `" + ProblemTypes.CONFLICT
                        + "`: a race."))))));

        new OpenApiConventions().filterOpenAPI(openAPI);

        APIResponses responses = operationOf(openAPI).getResponses();
        assertEquals(List.of("201", "400", "401", "403", "406", "409", "415", "500"),
                List.copyOf(responses.getAPIResponses().keySet()));
        assertEquals(Map.of("401", "#/components/responses/Unauthorized", "403", "#/components/responses/Forbidden",
                        "406", "#/components/responses/NotAcceptable",
                        "415", "#/components/responses/UnsupportedMediaType",
                        "500", "#/components/responses/InternalError"),
                Map.of("401", responses.getAPIResponse("401").getRef(), "403", responses.getAPIResponse("403").getRef(),
                        "406", responses.getAPIResponse("406").getRef(), "415", responses.getAPIResponse("415").getRef(),
                        "500", responses.getAPIResponse("500").getRef()));
        assertEquals(List.of(Problem.TYPE_BASE + "duplicate-key", ProblemTypes.CONFLICT),
                typesOf(responses.getAPIResponse("409")));
        // unknown-field too: the chassis's test application refuses unknown properties, as every service does
        assertEquals(List.of(ProblemTypes.MALFORMED_JSON, ProblemTypes.MALFORMED_FIELD, ProblemTypes.UNKNOWN_FIELD),
                typesOf(responses.getAPIResponse("400")));
    }

    @Test
    void shouldAddTheBodyRefusalsToTheOperationsOwn400Once() {
        OpenAPI openAPI = document(withBody(operation(Map.of("200", ok(),
                "400", problem("`" + ProblemTypes.VALIDATION + "`: a field breaks its rule.")))));

        new OpenApiConventions().filterOpenAPI(openAPI);
        new OpenApiConventions().filterOpenAPI(openAPI);

        APIResponses responses = operationOf(openAPI).getResponses();
        assertEquals(List.of("200", "400", "406", "415", "500"), List.copyOf(responses.getAPIResponses().keySet()));
        assertEquals(List.of(ProblemTypes.VALIDATION, ProblemTypes.MALFORMED_JSON, ProblemTypes.MALFORMED_FIELD,
                        ProblemTypes.UNKNOWN_FIELD),
                typesOf(responses.getAPIResponse("400")));
    }

    private static List<Object> typesOf(APIResponse response) {
        Schema schema = response.getContent().getMediaType(Problem.MEDIA_TYPE).getSchema();
        assertEquals("#/components/schemas/Problem", schema.getAllOf().get(0).getRef());
        return schema.getAllOf().get(1).getProperties().get("type").getEnumeration();
    }

    private static OpenAPI document(Operation operation) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/things", OASFactory.createPathItem().POST(operation)));
    }

    private static Operation operationOf(OpenAPI openAPI) {
        return openAPI.getPaths().getPathItem("/things").getPOST();
    }

    private static Operation operation(Map<String, APIResponse> responses) {
        APIResponses all = OASFactory.createAPIResponses();
        responses.forEach(all::addAPIResponse);
        return OASFactory.createOperation().responses(all);
    }

    private static Operation secured(Operation operation) {
        return operation.addSecurityRequirement(OASFactory.createSecurityRequirement()
                .addScheme("SecurityScheme", "some-role"));
    }

    private static Operation withBody(Operation operation) {
        return operation.requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType())));
    }

    private static APIResponse ok() {
        return OASFactory.createAPIResponse().description("OK");
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description);
    }
}
