package io.topline.alerts.receiver;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.alerts.TestData;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An e-mail receiver sends an alert through a real SMTP server (GreenMail, in this JVM) with its template: the
 * subscription's own title as the subject and the kind's default text with the facts and the console link.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MailServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class EmailReceiverTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;

    @BeforeEach
    void pin() {
        clock.pin(NOW);
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void shouldMailTheAlertWithTheSubscriptionsTemplateThroughSmtp() throws Exception {
        String key = TestData.key("mail");
        String driver = TestData.key("mail-service");
        String subscription = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"EMAIL\",\"recipients\":[\"leaders@example.com\",\"oncall@example.com\"],"
                        + "\"template\":{\"title\":\"Topline: {alert.measure.name} {event} for {alert.period}\"},"
                        + "\"measures\":[\"" + key + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).body("receiver", equalTo("EMAIL"))
                .body("recipients", equalTo(List.of("leaders@example.com", "oncall@example.com")))
                .body("template.title", equalTo("Topline: {alert.measure.name} {event} for {alert.period}"))
                .extract().path("id");
        TestData.publishDriver(driver, "Customer service", "SERVICE", 1);
        TestData.retentionWithOctoberActual(key, driver, "88.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> received().size() == 2);

        MimeMessage mail = received().get(0);
        String messageId = RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries").then()
                .statusCode(200).extract().jsonPath().getString("items[0].messageId");
        JsonPath alert = RequestAs.admin().get("/alerts?measure=" + key).then()
                .statusCode(200).extract().jsonPath();
        String id = alert.getString("items[0].id");
        assertEquals(List.of("Topline: Client retention fired for 2026-10", "Topline <topline@localhost>",
                        "[leaders@example.com, oncall@example.com]", messageId),
                List.of(mail.getSubject(), mail.getFrom()[0].toString(),
                        Arrays.toString(mail.getRecipients(Message.RecipientType.TO)),
                        mail.getHeader("X-Topline-Message-Id")[0]));
        // the driver's name is the catalog's when the alert fired (drivers travel on a partition of their own)
        assertEquals(alert.getString("items[0].summary") + "\n\nDriver:   " + alert.getString("items[0].driver.name")
                        + " (" + alert.getString("items[0].driver.function") + ")\nMeasure:  Client retention\n"
                        + "Period:   2026-10\nActual:   88.0\nState:    FIRING (fired)\n\n"
                        + "Open it in Topline: http://127.0.0.1:8080/console/inbox/" + id,
                mail.getContent().toString().replace("\r\n", "\n").strip());
        assertEquals(List.of("SUCCEEDED", "250"), List.of(
                RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                        .extract().jsonPath().getString("items[0].status"),
                RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                        .extract().jsonPath().getString("items[0].lastStatus")));
    }

    /** Every mail GreenMail received, one per recipient (this class has the server to itself). */
    @Test
    void shouldMailADigestOnDemand() throws Exception {
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"EMAIL\",\"recipients\":[\"digest@example.com\"],\"digest\":\"0 8 * * MON\","
                        + "\"digestOnly\":true,\"drivers\":[\"" + TestData.key("nothing") + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
        int before = received().size();
        RequestAs.admin().when().post("/subscriptions/" + id + "/digest").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("eventType", equalTo("topline.digest"));
        await().atMost(Duration.ofSeconds(30)).until(() -> received().size() == before + 1);
        MimeMessage mail = received().get(before);
        assertEquals(List.of("Topline digest: 0 red, 0 amber, 0 open alerts (0 measures)", "[digest@example.com]",
                        "Topline digest: 0 red, 0 amber, 0 open alerts (0 measures)\n\nRed: missed\n-----------\n"
                                + "(none)\n\nAmber: at risk\n--------------\n(none)\n\nOpen alerts\n-----------\n"
                                + "(none)\n\nOpen Topline: http://127.0.0.1:8080/console/scorecard"),
                List.of(mail.getSubject(), Arrays.toString(mail.getRecipients(Message.RecipientType.TO)),
                        mail.getContent().toString().replace("\r\n", "\n").strip()));
        RequestAs.admin().when().delete("/subscriptions/" + id).then().statusCode(204);
        // the other test counts the mails it gets
        MailServer.greenMail().purgeEmailFromAllMailboxes();
    }

    private static List<MimeMessage> received() {
        return List.of(MailServer.greenMail().getReceivedMessages());
    }
}
