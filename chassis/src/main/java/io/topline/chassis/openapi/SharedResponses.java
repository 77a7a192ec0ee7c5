package io.topline.chassis.openapi;

import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** The problem responses any operation can give, each defined once under {@code components/responses}. */
final class SharedResponses {

    private final Components components;

    SharedResponses(Components components) {
        this.components = components;
    }

    APIResponse unauthorized() {
        return shared("Unauthorized", OASFactory.createAPIResponse()
                .description("`" + ProblemTypes.UNAUTHORIZED + "`: the request has no bearer token, or one that is "
                        + "invalid or expired.")
                .addHeader(HttpHeaders.WWW_AUTHENTICATE, OASFactory.createHeader()
                        .description("The scheme to authenticate with")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .example("Bearer")));
    }

    APIResponse forbidden() {
        return shared("Forbidden", OASFactory.createAPIResponse()
                .description("`" + ProblemTypes.FORBIDDEN + "`: the token carries none of the roles the operation "
                        + "allows (its security scopes)."));
    }

    APIResponse notAcceptable() {
        return shared("NotAcceptable", OASFactory.createAPIResponse()
                .description("`" + ProblemTypes.NOT_ACCEPTABLE + "`: the `Accept` header admits none of the media "
                        + "types the operation produces."));
    }

    APIResponse unsupportedMediaType() {
        return shared("UnsupportedMediaType", OASFactory.createAPIResponse()
                .description("`" + ProblemTypes.UNSUPPORTED_MEDIA_TYPE + "`: the body is not `application/json`."));
    }

    APIResponse internal() {
        return shared("InternalError", OASFactory.createAPIResponse()
                .description("`" + ProblemTypes.INTERNAL + "`: the service failed unexpectedly (its database was "
                        + "unreachable, for instance); the body names no internals, the service log has the cause."));
    }

    /** A reference to the named response, defined on first use so that no unused response is listed. */
    private APIResponse shared(String name, APIResponse definition) {
        if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
            OpenApiConventions.describeProblem(definition);
            components.addResponse(name, definition);
        }
        return OASFactory.createAPIResponse().ref("#/components/responses/" + name);
    }
}
