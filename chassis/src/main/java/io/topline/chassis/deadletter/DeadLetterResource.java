package io.topline.chassis.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.topline.chassis.health.KafkaAdmin;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageParams;
import io.topline.chassis.page.Paging;
import io.topline.chassis.openapi.ProblemTypes;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.function.Supplier;

/**
 * The dead letters of a service with consumers, under {@code /dead-letters/<name>} ({@code topline.dead-letters.path-name},
 * unique per service so that one ingress routes by prefix); admin only, because a re-drive replays data. Built into
 * the services that set {@code topline.dead-letters.enabled=true}.
 */
@Path("/dead-letters/{service}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@IfBuildProperty(name = "topline.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    private static final String SERVICE = "The service's name in the path (topline.dead-letters.path-name)";
    private static final String VALIDATION = "`" + ProblemTypes.VALIDATION + "`";
    private static final String NOT_FOUND = "`" + ProblemTypes.NOT_FOUND + "`: this service serves its dead letters "
            + "under another name.";
    private static final String UNAVAILABLE = "`" + Problem.TYPE_BASE + "broker-unavailable`: the broker did not "
            + "answer; the dead letters are only in Kafka.";

    private final DeadLetters deadLetters;
    private final DeadLetterConfig config;
    private final Paging paging;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetters deadLetters, DeadLetterConfig config, Paging paging,
                              SecurityIdentity identity) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.paging = paging;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List dead letters", description = "The records this "
            + "service's consumers could not apply, newest last, each with the reason it was dead-lettered, where it "
            + "came from and whether it was re-driven.")
    @APIResponse(responseCode = "200", description = "One page of dead letters")
    @APIResponse(responseCode = "400", description = VALIDATION + ": topic is not one of the service's dead-letter "
            + "topics, or page or size is not an integer in its range (violations names it).")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public Page<DeadLetter> list(@Parameter(description = SERVICE, example = "metrics") @PathParam("service")
                                 String service,
                                 @Parameter(description = "Only this dead-letter topic", example =
                                         "topline.measurements.dlq") @QueryParam("topic") String topic,
                                 @BeanParam PageParams page) {
        ours(service);
        return brokerAnswering(() -> deadLetters.list(topic, paging.request(page)));
    }

    @POST
    @Path("/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redriveDeadLetters", summary = "Re-drive dead letters", description = "Produces one "
            + "dead letter (topic, partition, offset), or every one since an instant, back to the topic it was "
            + "consumed from, with its key, value and headers; a record is re-driven once.")
    @APIResponse(responseCode = "200", description = "What was re-driven, and what had been before")
    @APIResponse(responseCode = "400", description = VALIDATION + ": neither one record nor since is named, or the "
            + "topic is not one of the service's dead-letter topics (violations names the field).")
    @APIResponse(responseCode = "404", description = NOT_FOUND + " Or the dead-letter topic no longer holds the record.")
    @APIResponse(responseCode = "409", description = "`" + Problem.TYPE_BASE + "already-redriven`: the record was "
            + "re-driven before.")
    @APIResponse(responseCode = "503", description = UNAVAILABLE)
    public RedriveResponse redrive(@Parameter(description = SERVICE, example = "metrics") @PathParam("service")
                                   String service, @Valid @NotNull RedriveRequest request) {
        ours(service);
        String by = identity.getPrincipal().getName();
        if (request.namesOneRecord() == (request.since() != null)) {
            throw ProblemException.badRequest("since", "give either since, or topic, partition and offset");
        }
        if (request.since() != null) {
            return brokerAnswering(() -> deadLetters.redriveSince(request.since(), by));
        }
        if (request.topic() == null || request.partition() == null || request.offset() == null) {
            throw ProblemException.badRequest(request.topic() == null ? "topic"
                    : request.partition() == null ? "partition" : "offset", "is required to name one dead letter");
        }
        return brokerAnswering(() -> deadLetters.redrive(
                new RedriveResponse.DeadLetterRef(request.topic(), request.partition(), request.offset()), by));
    }

    private void ours(String service) {
        if (config.pathName().filter(service::equals).isEmpty()) {
            throw ProblemException.notFound("Dead-letter list", service);
        }
    }

    /** A broker that does not answer is a 503: the dead letters are only in Kafka. */
    private static <T> T brokerAnswering(Supplier<T> call) {
        try {
            return call.get();
        } catch (KafkaAdmin.BrokerUnavailableException | IllegalStateException e) {
            throw new ProblemException(503, "broker-unavailable", "Service Unavailable",
                    "The broker did not answer: " + e.getMessage(), null);
        }
    }
}
