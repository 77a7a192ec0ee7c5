package io.topline.chassis.openapi;

import io.topline.chassis.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** The schema of {@link Problem} and its violations, as every service's error responses carry them. */
final class ProblemSchemas {

    private ProblemSchemas() {
    }

    static void addTo(Components components) {
        components.addSchema(OpenApiConventions.PROBLEM, problem());
        components.addSchema(OpenApiConventions.VIOLATION, violation());
    }

    private static Schema problem() {
        return object("An RFC 9457 problem details body: every error the service returns, never with internals.")
                .addProperty("type", text("What kind of problem this is: `" + Problem.TYPE_BASE + "<slug>`; each "
                        + "response lists the types it can carry.", ProblemTypes.NOT_FOUND).format("uri"))
                .addProperty("title", text("A short summary of the kind of problem.", "Not found"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .description("The HTTP status code of the response.").examples(List.of(404)))
                .addProperty("detail", text("What went wrong with this request, for people.",
                        "There is nothing at /no-such-thing"))
                .addProperty("instance", text("The path of the request.", "/no-such-thing").format("uri-reference"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Each field, parameter or header the request got wrong, when the problem "
                                + "concerns them.")
                        .items(OASFactory.createSchema().ref(OpenApiConventions.VIOLATION)))
                .required(List.of("type", "title", "status", "instance"));
    }

    private static Schema violation() {
        return object("One thing the request got wrong.")
                .addProperty("field", text("Where: a body path such as `items[3].value`, a parameter or header "
                        + "name, or `body` for the body as a whole.", "name"))
                .addProperty("message", text("What is wrong with it.", "must not be blank"))
                .addProperty("line", position("The line of the body where it is, when the body is a file read "
                        + "with positions (an organisation file in YAML or JSON); absent otherwise.", 12))
                .addProperty("column", position("The column of that line where it is, counted from 1.", 7))
                .required(List.of("field", "message"));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description);
    }

    private static Schema position(String description, int example) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE)
                .description(description).examples(List.of(example));
    }

    private static Schema text(String description, String example) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description)
                .examples(List.of(example));
    }
}
