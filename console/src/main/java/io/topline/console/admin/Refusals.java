package io.topline.console.admin;

import io.quarkus.qute.TemplateInstance;
import io.topline.console.api.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An API's refusal of a form: a 4xx is shown on the form's page, with the API's status, next to what was typed; a
 * 401 (the session's token expired) and a failure to reach the API go to the console's error handling instead.
 */
final class Refusals {

    private Refusals() {
    }

    static Response show(ApiException refusal, TemplateInstance page) {
        if (refusal.status() == 401 || refusal.status() >= 500) {
            throw refusal;
        }
        return Response.status(refusal.status()).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }
}
