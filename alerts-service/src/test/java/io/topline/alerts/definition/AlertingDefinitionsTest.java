package io.topline.alerts.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The organisation file's alerting sections over the real database: plan, apply (all or nothing, idempotent, in
 * place), export that plans empty again, secrets by reference, prune behind If-Match, and every problem located by
 * its path.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AlertingDefinitionsTest {

    @Inject
    SubscriptionRepository subscriptions;

    @Test
    void shouldPlanApplyAndExportEverySectionSoThatTheExportPlansNoChange() throws Exception {
        Keys k = new Keys();
        JsonNode file = file(k, "Weekly ops", "pd-secret-1");

        assertEquals(json("""
                {"applied": false, "prune": false, "changes": [
                  {"action": "CREATE", "kind": "RECEIVER", "key": "%1$s", "fields": []},
                  {"action": "CREATE", "kind": "RECEIVER", "key": "%2$s", "fields": []},
                  {"action": "CREATE", "kind": "ESCALATION_POLICY", "key": "%3$s", "fields": []},
                  {"action": "CREATE", "kind": "CONTACT", "key": "%4$s", "fields": []},
                  {"action": "CREATE", "kind": "SILENCE", "key": "%5$s", "fields": []}],
                 "unchanged": []}""".formatted(k.hook, k.pager, k.policy, k.email, k.window)),
                withoutBasedOn(post("plan", file, false, null)));

        JsonNode applied = post("apply", file, false, null);
        assertEquals(true, applied.get("applied").asBoolean());
        String secret = applied.get("changes").get(0).get("secret").asText();
        assertThat(secret, startsWith("whsec_"));

        JsonNode exported = mine(export(), k);
        assertEquals(json("""
                {"receivers": [
                  {"key": "%1$s", "receiver": "WEBHOOK", "url": "http://127.0.0.1:9/hook", "description": "Weekly ops",
                   "measures": ["%6$s"], "repeatInterval": "PT1H"},
                  {"key": "%2$s", "receiver": "PAGERDUTY", "url": "https://events.pagerduty.com/v2/enqueue",
                   "routingKey": "${PD_KEY}", "routeOnly": true}],
                 "silences": [
                  {"key": "%5$s", "matchers": [{"label": "measure", "operator": "EQUALS", "value": "%6$s"}],
                   "startsAt": "2026-01-01T00:00:00Z",
                   "schedule": {"weekdays": ["SATURDAY", "SUNDAY"], "daysOfMonth": [], "months": [],
                                "startTime": "00:00", "endTime": "24:00", "timeZone": "Europe/Berlin"},
                   "comment": "weekend maintenance"}],
                 "escalationPolicies": [
                  {"key": "%3$s", "name": "Ops escalation", "measures": ["%6$s"],
                   "steps": [{"after": "PT30M", "targets": ["measure-owner", "receiver:%2$s"]}]}],
                 "contacts": [{"email": "%4$s", "name": "Ops Person", "routes": ["%2$s"]}]}"""
                .formatted(k.hook, k.pager, k.policy, k.email, k.window, k.measure)), exported);

        ObjectNode again = (ObjectNode) exported.deepCopy();
        again.putObject("secrets").put("PD_KEY", "pd-secret-1");
        assertEquals(json("""
                {"applied": false, "prune": false, "changes": [],
                 "unchanged": ["receiver:%1$s", "receiver:%2$s", "escalation-policy:%3$s", "contact:%4$s",
                               "silence:%5$s"]}""".formatted(k.hook, k.pager, k.policy, k.email, k.window)),
                withoutBasedOn(post("plan", again, false, null)));
        assertEquals(withoutBasedOn(post("plan", again, false, null)).get("changes"),
                withoutBasedOn(post("apply", file, false, null)).get("changes"));
    }

    @Test
    void shouldRedefineInPlaceComparingSecretsByValueAndRemakeAChangedSilence() throws Exception {
        Keys k = new Keys();
        post("apply", file(k, "Weekly ops", "pd-secret-1"), false, null);
        UUID hookId = subscriptionId(k.hook);

        ObjectNode changed = (ObjectNode) file(k, "Daily ops", "pd-secret-2");
        ((ObjectNode) changed.get("silences").get(0)).put("comment", "longer weekend");
        assertEquals(json("""
                {"applied": true, "prune": false, "changes": [
                  {"action": "UPDATE", "kind": "RECEIVER", "key": "%1$s", "fields": ["description"]},
                  {"action": "UPDATE", "kind": "RECEIVER", "key": "%2$s", "fields": ["routingKey"]},
                  {"action": "UPDATE", "kind": "SILENCE", "key": "%5$s", "fields": ["comment"]}],
                 "unchanged": ["escalation-policy:%3$s", "contact:%4$s"]}"""
                        .formatted(k.hook, k.pager, k.policy, k.email, k.window)),
                withoutBasedOn(post("apply", changed, false, null)));
        assertEquals(hookId, subscriptionId(k.hook));
        assertEquals("longer weekend", mine(export(), k).get("silences").get(0).get("comment").asText());
    }

    @Test
    void shouldRefuseEveryProblemWithItsPathAndApplyNothing() throws Exception {
        Keys k = new Keys();
        ObjectNode file = (ObjectNode) file(k, "Weekly ops", "pd-secret-1");
        file.remove("secrets");
        ((ArrayNode) file.get("receivers")).add(file.get("receivers").get(0).deepCopy());
        ((ObjectNode) file.get("contacts").get(0)).putArray("routes").add("ghost");

        JsonNode problem = RequestAs.admin().contentType("application/json").body(file.toString())
                .when().post("/alerting-definitions/apply").then().statusCode(422)
                .extract().as(JsonNode.class);
        assertEquals(json("""
                [{"field": "receivers[1].routingKey", "message": "refers to ${PD_KEY}, which was not given: the \
                topline tool fills it in from its environment variable PD_KEY"},
                 {"field": "receivers[2].key", "message": "receiver '%1$s' is listed twice"},
                 {"field": "contacts[0].routes[0]", "message": "receiver 'ghost' is neither in the file nor an active \
                receiver"}]""".formatted(k.hook)), problem.get("violations"));
        assertEquals(json("[]"), mine(export(), k).get("receivers"));
    }

    @Test
    void shouldPruneOnlyBehindIfMatchAndOnlyTheSectionsTheFileHolds() throws Exception {
        Keys k = new Keys();
        post("apply", file(k, "Weekly ops", "pd-secret-1"), false, null);
        ObjectNode onlySilences = TestData.JSON.createObjectNode();
        onlySilences.putArray("silences");

        RequestAs.admin().contentType("application/json").body(onlySilences.toString())
                .when().post("/alerting-definitions/apply?prune=true").then().statusCode(428);
        JsonNode plan = post("plan", onlySilences, true, null);
        assertEquals(true, plan.get("changes").findValuesAsText("key").contains(k.window));
        RequestAs.admin().contentType("application/json").header("If-Match", "\"alr-0000000000000000\"")
                .body(onlySilences.toString())
                .when().post("/alerting-definitions/apply?prune=true").then().statusCode(412);
        post("apply", onlySilences, true, "\"" + plan.get("basedOn").asText() + "\"");

        JsonNode exported = mine(export(), k);
        assertEquals(json("[]"), exported.get("silences"));
        assertEquals(2, exported.get("receivers").size());
    }

    /** A file with two receivers (a webhook and a PagerDuty one by reference), a window, a policy and a contact. */
    private static JsonNode file(Keys k, String description, String routingKey) throws Exception {
        return json("""
                {"receivers": [
                  {"key": "%1$s", "receiver": "WEBHOOK", "url": "http://127.0.0.1:9/hook", "description": "%7$s",
                   "measures": ["%6$s"], "repeatInterval": "PT60M"},
                  {"key": "%2$s", "receiver": "PAGERDUTY", "routingKey": "${PD_KEY}", "routeOnly": true}],
                 "silences": [
                  {"key": "%5$s", "matchers": [{"label": "measure", "operator": "EQUALS", "value": "%6$s"}],
                   "startsAt": "2026-01-01T00:00:00Z",
                   "schedule": {"weekdays": ["SATURDAY", "SUNDAY"], "startTime": "00:00", "endTime": "24:00",
                                "timeZone": "Europe/Berlin"},
                   "comment": "weekend maintenance"}],
                 "escalationPolicies": [
                  {"key": "%3$s", "name": "Ops escalation", "measures": ["%6$s"],
                   "steps": [{"after": "PT30M", "targets": ["measure-owner", "receiver:%2$s"]}]}],
                 "contacts": [{"email": "%4$s", "name": "Ops Person", "routes": ["%2$s"]}],
                 "secrets": {"PD_KEY": "%8$s"}}"""
                .formatted(k.hook, k.pager, k.policy, k.email, k.window, k.measure, description, routingKey));
    }

    private static JsonNode post(String what, JsonNode file, boolean prune, String ifMatch) {
        var request = RequestAs.admin().contentType("application/json").body(file.toString());
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.when().post("/alerting-definitions/" + what + "?prune=" + prune).then().statusCode(200)
                .extract().as(JsonNode.class);
    }

    private static JsonNode export() {
        return RequestAs.admin().when().get("/alerting-definitions").then().statusCode(200)
                .header("ETag", startsWith("\"alr-")).extract().as(JsonNode.class);
    }

    private UUID subscriptionId(String key) {
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.find("slug", key).firstResult().id());
    }

    /** The export restricted to this test's definitions (other tests share the database). */
    private static JsonNode mine(JsonNode export, Keys k) {
        Set<String> keys = Set.of(k.hook, k.pager, k.policy, k.email, k.window);
        ObjectNode result = TestData.JSON.createObjectNode();
        for (String section : List.of("receivers", "silences", "escalationPolicies", "contacts")) {
            List<JsonNode> items = new ArrayList<>();
            export.get(section).forEach(item -> {
                String key = item.has("key") ? item.get("key").asText() : item.get("email").asText();
                if (keys.contains(key)) {
                    items.add(item);
                }
            });
            result.set(section, TestData.JSON.valueToTree(items));
        }
        return result;
    }

    private static JsonNode withoutBasedOn(JsonNode plan) {
        ObjectNode copy = plan.deepCopy();
        copy.remove("basedOn");
        return copy;
    }

    private static JsonNode json(String text) throws Exception {
        return TestData.JSON.readTree(text);
    }

    /** This test's keys, unique across the module's tests. */
    private static final class Keys {
        final String hook = TestData.key("hook");
        final String pager = TestData.key("pager");
        final String policy = TestData.key("policy");
        final String window = TestData.key("window");
        final String email = TestData.key("ops") + "@example.com";
        final String measure = TestData.key("m");
    }
}
