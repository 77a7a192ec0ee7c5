package io.topline.metrics.period;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.topline.chassis.time.SettableClock;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.FiscalCalendarProfile;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.topline.metrics.support.TestData.measurement;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Measurements land in the fiscal quarter and the Sunday week of the organisation's calendar (Berlin, April). */
@QuarkusTest
@TestProfile(FiscalCalendarProfile.class)
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class FiscalCalendarMeasurementTest {

    private static final Instant NOW = Instant.parse("2026-07-15T12:00:00Z");

    @Inject
    MeasureCatalog catalog;

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldCountAMeasurementInTheFiscalQuarterOfItsInstantInTheOrganisationZone() {
        clock.pin(NOW);
        String key = TestData.uniqueKey("nrr");
        TestData.defineMeasure(catalog, key, "QUARTERLY", "SUM");
        // 30 June 23:30 in Berlin is the last half hour of fiscal 2027-Q1; 00:30 on 1 July the first of 2027-Q2
        post(measurement(null, key, 2, Instant.parse("2026-06-30T21:30:00Z")), "2027-Q1");
        post(measurement(null, key, 3, Instant.parse("2026-06-30T22:30:00Z")), "2027-Q2");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("measure", key);
        entry.put("value", 4);
        entry.put("period", "2027-Q2");
        entry.put("source", "crm");
        RequestAs.ingest().contentType(ContentType.JSON).body(entry).post("/measurements")
                .then().statusCode(201).body("period", equalTo("2027-Q2"))
                .body("occurredAt", equalTo("2026-06-30T22:00:00Z"));

        RequestAs.viewer().queryParam("measure", key).queryParam("from", "2027-Q1").queryParam("to", "2027-Q2")
                .get("/actuals")
                .then().statusCode(200)
                .body("items.period", contains("2027-Q1", "2027-Q2"))
                .body("items.periodStart", contains("2026-03-31T22:00:00Z", "2026-06-30T22:00:00Z"))
                .body("items.periodEnd", contains("2026-06-30T22:00:00Z", "2026-09-30T22:00:00Z"))
                .body("items.sum", contains(2, 7));
    }

    @Test
    void shouldCountAMeasurementInTheWeekThatStartsOnSunday() {
        clock.pin(NOW);
        String key = TestData.uniqueKey("leads");
        TestData.defineMeasure(catalog, key, "WEEKLY", "SUM");
        // Saturday 3 January 2026 ends the last Sunday week of 2025; its ISO week would be 2026-W01
        post(measurement(null, key, 5, Instant.parse("2026-01-03T12:00:00Z")), "2025-W53");
        // Sunday 5 July 2026 starts a week
        post(measurement(null, key, 6, Instant.parse("2026-07-05T08:00:00Z")), "2026-W27");
        RequestAs.viewer().queryParam("measure", key).queryParam("from", "2026-W27").queryParam("to", "2026-W27")
                .get("/actuals")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].periodStart", equalTo("2026-07-04T22:00:00Z"))
                .body("items[0].periodEnd", equalTo("2026-07-11T22:00:00Z"));
    }

    private static void post(Map<String, Object> body, String period) {
        RequestAs.ingest().contentType(ContentType.JSON).body(body).post("/measurements")
                .then().statusCode(201).body("period", equalTo(period));
    }
}
