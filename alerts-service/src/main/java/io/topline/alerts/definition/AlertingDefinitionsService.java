package io.topline.alerts.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.subscription.Subscription;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.security.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Definitions as code for alerts-service: plans an organisation file's alerting sections against the stored
 * receivers, silences, escalation policies and contacts, applies them in one transaction (all or nothing, idempotent,
 * with prune for the sections the file holds) and exports them as those sections. drivers-service calls it for the
 * organisation file's alerting part; a section the file leaves out is neither compared nor pruned.
 */
@ApplicationScoped
public class AlertingDefinitionsService {

    private final ReceiverDefinitions receivers;
    private final SilenceDefinitions silences;
    private final EscalationDefinitions escalations;
    private final SubscriptionRepository subscriptions;
    private final ObjectMapper mapper;

    public AlertingDefinitionsService(ReceiverDefinitions receivers, SilenceDefinitions silences,
                                      EscalationDefinitions escalations, SubscriptionRepository subscriptions,
                                      ObjectMapper mapper) {
        this.receivers = receivers;
        this.silences = silences;
        this.escalations = escalations;
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    @Transactional
    public AlertingPlan plan(AlertingDefinitions file, boolean prune, String person) {
        PlanBuilder plan = build(file, prune, person);
        plan.requireValid();
        return plan.plan(prune, stateTag());
    }

    /**
     * Applies the sections in one transaction, serialized with other applies by an advisory lock; {@code ifMatch}
     * (a plan's basedOn) is required with prune and checked whenever given.
     */
    @Transactional
    public AlertingPlan apply(AlertingDefinitions file, boolean prune, String ifMatch, String person) {
        subscriptions.getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('alerting-definitions'))")
                .getSingleResult();
        String basedOn = stateTag();
        checkIfMatch(ifMatch, basedOn, prune);
        PlanBuilder plan = build(file, prune, person);
        plan.requireValid();
        return plan.apply(prune, basedOn);
    }

    /** Every alerting section as the organisation file writes it. */
    @Transactional
    public AlertingDefinitions export() {
        return new AlertingDefinitions(receivers.export(), silences.export(), escalations.exportPolicies(),
                escalations.exportContacts(), null);
    }

    /** The ETag of the alerting definitions as they stand: a hash of their export. */
    @Transactional
    public String stateTag() {
        try {
            return "alr-" + Digests.sha256Hex(mapper.writeValueAsString(export())).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The alerting definitions cannot be written", e);
        }
    }

    private PlanBuilder build(AlertingDefinitions file, boolean prune, String person) {
        PlanBuilder plan = new PlanBuilder();
        Set<String> fileReceivers = file.receivers() == null ? Set.of()
                : receivers.plan(file.receivers(), file.secrets(), person, plan);
        // what a route or step may name: the file's receivers, and the active ones prune would not disable
        Set<String> reachable = new HashSet<>(fileReceivers);
        if (file.receivers() == null || !prune) {
            reachable.addAll(subscriptions.active().stream().map(Subscription::slug).collect(Collectors.toSet()));
        }
        if (file.escalationPolicies() != null) {
            escalations.planPolicies(file.escalationPolicies(), reachable, prune, person, plan);
        }
        if (file.contacts() != null) {
            escalations.planContacts(file.contacts(), reachable, prune, person, plan);
        }
        if (file.silences() != null) {
            silences.plan(file.silences(), prune, person, plan);
        }
        if (file.receivers() != null && prune) {
            receivers.prune(fileReceivers, person, plan);
        }
        return plan;
    }

    /** As drivers-service checks its definitions' ETag: 428 without one for prune, 412 when stale, * for any. */
    private static void checkIfMatch(String ifMatch, String current, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(428, "precondition-required", "Precondition required", "Pruning the "
                        + "alerting definitions needs If-Match with the plan's basedOn (current \"" + current + "\")",
                        null);
            }
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim().replaceFirst("^W/", "").replace("\"", "");
            if (value.equals("*") || value.equals(current)) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "Precondition failed", "If-Match " + ifMatch.trim()
                + " does not match the alerting definitions' ETag \"" + current + "\": they changed since the plan; "
                + "plan again", null);
    }
}
