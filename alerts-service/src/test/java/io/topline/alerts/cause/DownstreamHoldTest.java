package io.topline.alerts.cause;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.LocalReceiver;
import io.topline.alerts.TestData;
import io.topline.alerts.alert.RenotifySweep;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A receiver with the hold policy over the real pipeline: it hears of the upstream miss, not of the downstream miss
 * it explains while the upstream one fires, and of the downstream miss once the upstream one resolved and it still
 * fires; a receiver without the policy hears of both at once.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DownstreamHoldTest {

    /** Thursday of 2026-W48: October is closed and final. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    RenotifySweep sweep;

    LocalReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        clock.pin(NOW);
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        clock.reset();
    }

    @Test
    void shouldHoldADownstreamMissWhileItsCauseFiresAndSendItOnceTheCauseResolved() {
        String marketing = TestData.key("marketing");
        String sales = TestData.key("sales");
        TestData.publishDriver(marketing, "Marketing", "MARKETING", 1, sales);
        TestData.publishDriver(sales, "Sales", "SALES", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.viewer().queryParam("cadence", "MONTHLY")
                .when().get("/scorecard").then().statusCode(200).extract().jsonPath().getList("drivers.key")
                .containsAll(List.of(marketing, sales)));
        String held = subscribe("/held", marketing, sales, true);
        subscribe("/plain", marketing, sales, false);

        String leads = missOctober(marketing, "Marketing-qualified leads");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/held").size() == 1
                && receiver.requests("/plain").size() == 1);
        String closing = missOctober(sales, "Closing ratio");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/plain").size() == 2);
        assertEquals(List.of(leads), measures("/held"), "the downstream miss is held while its cause fires");
        assertEquals(List.of(leads, closing), measures("/plain"));
        assertEquals(0, sweep.releaseHeld(), "nothing to release while the cause fires");

        String cause = RequestAs.viewer().queryParam("measure", leads).when().get("/alerts")
                .then().statusCode(200).extract().path("items[0].id");
        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"webinar leads came late\"}")
                .when().post("/alerts/" + cause + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/held").size() == 2);
        assertEquals("topline.alert.resolved", receiver.bodies("/held").get(1).get("type").asText());

        assertEquals(1, sweep.releaseHeld());
        assertEquals(0, sweep.releaseHeld(), "released once");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/held").size() == 3);
        assertEquals(List.of(leads, leads, closing), measures("/held"));
        assertEquals("topline.alert.fired", receiver.bodies("/held").get(2).get("type").asText());
        RequestAs.admin().when().get("/subscriptions/" + held).then().statusCode(200)
                .body("holdDownstream", equalTo(true));
    }

    private List<String> measures(String path) {
        return receiver.bodies(path).stream().map(body -> body.get("data").get("measure").get("key").asText())
                .toList();
    }

    private String subscribe(String path, String marketing, String sales, boolean hold) {
        return RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url(path) + "\",\"drivers\":[\"" + marketing + "\",\"" + sales
                        + "\"],\"holdDownstream\":" + hold + "}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    /** A monthly measure of {@code driver} whose October actual 40 is at its failure level 50; waits for its alert. */
    private static String missOctober(String driver, String name) {
        String measure = TestData.key("measure");
        TestData.publishMeasure(measure, driver, name, "NUMBER", "SUM", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                TestData.target(1, "2026-10", "60", "50", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        TestData.publishActual(measure, Cadence.MONTHLY, "SUM", "2026-10", "40", 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> RequestAs.viewer().queryParam("measure", measure)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getInt("totalItems") == 1);
        return measure;
    }
}
