package io.topline.chassis.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.topline.chassis.problem.Problem;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes every service's OpenAPI document with what all services share, so that resources document only what
 * their own code adds: the problem schema, the responses the chassis gives any operation (401 and 403 when secured,
 * 400 and 415 for a JSON body, 406, 500), the bearer scheme, the server and the licence.
 *
 * <p>A problem response names its {@code type} URIs in its description ({@link ProblemTypes}, or
 * {@code Problem.TYPE_BASE + "slug"}); this filter gives it {@code application/problem+json} content whose schema
 * allows exactly those types. It runs at build time, so the stored and the served document are the same.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String VIOLATION = "ProblemViolation";

    private static final Pattern TYPE = Pattern.compile(Pattern.quote(Problem.TYPE_BASE) + "[a-z0-9]+(?:-[a-z0-9]+)*");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        completeInfo(openAPI);
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The service that serves this document; its paths have a prefix of their own, so one "
                        + "ingress can route to every service by prefix"))));
        ProblemSchemas.addTo(components);
        describeBearerSchemes(components);
        SharedResponses shared = new SharedResponses(components);
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                item.getOperations().values().forEach(operation -> complete(operation, shared));
            }
        }
    }

    private static void completeInfo(OpenAPI openAPI) {
        if (openAPI.getInfo() == null) {
            openAPI.setInfo(OASFactory.createInfo());
        }
        Info info = openAPI.getInfo();
        if (info.getLicense() == null) {
            // no licence is granted: the code is the company's own
            info.setLicense(OASFactory.createLicense().name("Proprietary").identifier("LicenseRef-Proprietary"));
        }
    }

    private static void describeBearerSchemes(Components components) {
        if (components.getSecuritySchemes() == null) {
            return;
        }
        for (SecurityScheme scheme : components.getSecuritySchemes().values()) {
            if (scheme.getType() == SecurityScheme.Type.HTTP && "bearer".equalsIgnoreCase(scheme.getScheme())) {
                scheme.setDescription("A JWT bearer token (`Authorization: Bearer <token>`). The scopes an operation "
                        + "lists are the roles it allows: the token's `groups` claim must carry one of them.");
            }
        }
    }

    private void complete(Operation operation, SharedResponses shared) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            responses.addAPIResponse("401", shared.unauthorized());
            responses.addAPIResponse("403", shared.forbidden());
        }
        if (hasJsonBody(operation)) {
            refuseBody(responses);
            responses.addAPIResponse("415", shared.unsupportedMediaType());
        }
        responses.addAPIResponse("406", shared.notAcceptable());
        responses.addAPIResponse("500", shared.internal());
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isProblem(response.getKey()) && response.getValue().getRef() == null) {
                describeProblem(response.getValue());
            }
        }
        responses.setAPIResponses(new LinkedHashMap<>(new TreeMap<>(responses.getAPIResponses())));
    }

    private static boolean hasJsonBody(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("application/json");
    }

    /** Adds the ways the JSON reader refuses a body to the operation's own 400, or makes the 400 of them. */
    private static void refuseBody(APIResponses responses) {
        String refusals = "The body is refused as `" + ProblemTypes.MALFORMED_JSON + "` when it is not JSON, as `"
                + ProblemTypes.MALFORMED_FIELD + "` when a value has the wrong type or format"
                + (failsOnUnknownFields() ? ", and as `" + ProblemTypes.UNKNOWN_FIELD + "` when it has a field the "
                + "request does not define." : ".");
        APIResponse badRequest = responses.getAPIResponse("400");
        if (badRequest == null || typesNamedIn(badRequest.getDescription()).isEmpty()) {
            // none, or the placeholder Quarkus adds to every operation with a body
            responses.addAPIResponse("400", OASFactory.createAPIResponse().description(refusals));
        } else if (!badRequest.getDescription().contains(ProblemTypes.MALFORMED_JSON)) {
            badRequest.setDescription(badRequest.getDescription() + " " + refusals);
        }
    }

    private static boolean failsOnUnknownFields() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.jackson.fail-on-unknown-properties", Boolean.class).orElse(false);
    }

    /** Gives a problem response without content the problem schema, narrowed to the types its description names. */
    static void describeProblem(APIResponse response) {
        if (response.getContent() != null) {
            return;
        }
        Set<String> types = typesNamedIn(response.getDescription());
        Schema problem = OASFactory.createSchema().ref(PROBLEM);
        Schema schema = types.isEmpty() ? problem : OASFactory.createSchema().addAllOf(problem)
                .addAllOf(OASFactory.createSchema().addProperty("type",
                        OASFactory.createSchema().enumeration(new ArrayList<>(types))));
        Content content = OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(schema));
        response.setContent(content);
    }

    static Set<String> typesNamedIn(String description) {
        Set<String> types = new LinkedHashSet<>();
        if (description != null) {
            Matcher matcher = TYPE.matcher(description);
            while (matcher.find()) {
                types.add(matcher.group());
            }
        }
        return types;
    }

    private static boolean isProblem(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }
}
