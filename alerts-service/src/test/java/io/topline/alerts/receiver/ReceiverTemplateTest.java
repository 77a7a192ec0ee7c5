package io.topline.alerts.receiver;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Each receiver kind takes the settings it needs and refuses the others; an admin changes a subscription's template
 * and previews its message for a sample alert, and a template that does not render (or reaches for the service's
 * configuration, or loops) is refused naming its part.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ReceiverTemplateTest {

    private static final String SAMPLE_LINK = "http://127.0.0.1:8080/console/inbox/00000000-0000-4000-8000-000000000001";

    @Test
    void shouldRefuseAMissingSettingWith400AndOneTheKindDoesNotTakeWith422() {
        Map<String, List<Object>> cases = Map.of(
                "{\"receiver\":\"SLACK\"}", List.of(400, "url"),
                "{\"receiver\":\"EMAIL\",\"url\":\"http://127.0.0.1:9/x\",\"recipients\":[\"a@example.com\"]}",
                List.of(422, "url"),
                "{\"receiver\":\"EMAIL\"}", List.of(400, "recipients"),
                "{\"receiver\":\"EMAIL\",\"recipients\":[\"not an address\"]}", List.of(400, "recipients[0]"),
                "{\"receiver\":\"PAGERDUTY\"}", List.of(400, "routingKey"),
                "{\"url\":\"http://127.0.0.1:9/x\",\"routingKey\":\"abc\"}", List.of(422, "routingKey"),
                "{\"receiver\":\"TEAMS\",\"url\":\"http://127.0.0.1:9/x\",\"recipients\":[\"a@example.com\"]}",
                List.of(422, "recipients"),
                "{\"receiver\":\"ALERTMANAGER\",\"url\":\"http://127.0.0.1:9\",\"repeatInterval\":\"PT1H\"}",
                List.of(422, "repeatInterval"),
                "{\"receiver\":\"SLACK\",\"url\":\"http://127.0.0.1:9/x\",\"template\":{\"text\":\"{alert.nope}\"}}",
                List.of(422, "template.text"));
        cases.forEach((body, expected) -> RequestAs.admin().contentType("application/json").body(body)
                .when().post("/subscriptions")
                .then().statusCode((Integer) expected.get(0)).contentType("application/problem+json")
                .body("violations[0].field", containsString((String) expected.get(1))));
    }

    @Test
    void shouldKeepAPagerDutyRoutingKeyOutOfEveryResponse() {
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"PAGERDUTY\",\"routingKey\":\"R0UT1NGKEY0123456789abcdefABCDEF\"}")
                .when().post("/subscriptions").then().statusCode(201)
                .body("secret", nullValue()).body("routingKey", nullValue())
                .body("url", equalTo("https://events.pagerduty.com/v2/enqueue"))
                .extract().path("id");
        RequestAs.admin().get("/subscriptions/" + id).then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("R0UT1NGKEY")));
        RequestAs.admin().contentType("application/json").body("{}").when().post("/subscriptions/" + id + "/preview")
                .then().statusCode(200).body("url", equalTo("https://events.pagerduty.com/v2/enqueue"))
                .body("body", containsString("\"routing_key\" : \"<routing key>\""))
                .body("body", org.hamcrest.Matchers.not(containsString("R0UT1NGKEY")));
    }

    @Test
    void shouldChangeATemplateAndPreviewItBeforeAndAfterSaving() {
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"SLACK\",\"url\":\"http://127.0.0.1:9/slack\"}")
                .when().post("/subscriptions").then().statusCode(201)
                .body("template.title", equalTo(DefaultTemplates.TITLE)).extract().path("id");
        RequestAs.admin().contentType("application/json").when().post("/subscriptions/" + id + "/preview")
                .then().statusCode(200)
                .body("receiver", equalTo("SLACK")).body("type", equalTo("topline.alert.fired"))
                .body("title", equalTo("[FIRING] CRITICAL MISSED: Net revenue retention (2026-10)"))
                // the values the mrkdwn text inserts are escaped for Slack, the title (plain text) is not
                .body("text", equalTo("*Customer success &amp; support* (SERVICE) · Net revenue retention\nNet revenue "
                        + "retention 88.0% in 2026-10 is at or below the failure level 95% (success 100%)"))
                .body("link", equalTo(SAMPLE_LINK)).body("url", equalTo("http://127.0.0.1:9/slack"))
                .body("body", containsString("\"type\" : \"header\""));

        String trial = "{\"template\":{\"title\":\"{alert.driver.name}: {alert.measure.name} {event}"
                + "{#if alert.actual} at {alert.actual}{/if}\"}}";
        RequestAs.admin().contentType("application/json").body(trial)
                .when().post("/subscriptions/" + id + "/preview").then().statusCode(200)
                .body("title", equalTo("Customer success & support: Net revenue retention fired at 88.0"));
        RequestAs.admin().get("/subscriptions/" + id).then().statusCode(200)
                .body("template.title", equalTo(DefaultTemplates.TITLE));

        RequestAs.admin().contentType("application/json").body("{\"title\":\"{alert.period} {alert.state}\"}")
                .when().put("/subscriptions/" + id + "/template").then().statusCode(200)
                .body("template.title", equalTo("{alert.period} {alert.state}"))
                .body("template.text", equalTo("*{alert.driver.name}* ({alert.driver.function}) · "
                        + "{alert.measure.name}\n{alert.summary}"));
        RequestAs.admin().contentType("application/json").when().post("/subscriptions/" + id + "/preview")
                .then().statusCode(200)
                .body("title", equalTo("2026-10 FIRING"));
    }

    @Test
    void shouldRefuseATemplateThatDoesNotRenderReadsConfigurationOrLoops() {
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"TEAMS\",\"url\":\"http://127.0.0.1:9/teams\"}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
        for (String template : List.of("{alert.nope}", "{config:quarkus.datasource.password}",
                "{inject:secretCipher}", "{#for i in 1000}{i}{/for}", "{alert.summary")) {
            RequestAs.admin().contentType("application/json")
                    .body("{\"text\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(template) + "}")
                    .when().put("/subscriptions/" + id + "/template").then().statusCode(422)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("template.text"));
        }
        RequestAs.admin().contentType("application/json").body("{\"alertId\":\"not-a-uuid\"}")
                .when().post("/subscriptions/" + id + "/preview").then().statusCode(400);
        RequestAs.admin().contentType("application/json")
                .body("{\"alertId\":\"00000000-0000-4000-8000-00000000dead\"}")
                .when().post("/subscriptions/" + id + "/preview").then().statusCode(404);
    }
}
