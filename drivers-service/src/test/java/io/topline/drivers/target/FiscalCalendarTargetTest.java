package io.topline.drivers.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.topline.chassis.time.SettableClock;
import io.topline.drivers.FiscalCalendarProfile;
import io.topline.drivers.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Target periods and the organisation file in a suite whose weeks start on Sunday and fiscal year in April. */
@QuarkusTest
@TestProfile(FiscalCalendarProfile.class)
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class FiscalCalendarTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldValidateEffectiveFromAgainstTheFiscalCalendar() {
        String weekly = measure("leads", "WEEKLY");
        // weeks from Sunday: 2025 has 53 of them and 2026 only 52, the other way round from ISO weeks
        asAdmin().body(TestData.target("2026-W53", 120, 90)).post("/measures/" + weekly + "/targets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("'2026-W53' is not a period; a weekly measure uses periods like 2026-W48"))
                .body("violations[0].field", equalTo("effectiveFrom"));
        asAdmin().body(TestData.target("2025-W53", 120, 90)).post("/measures/" + weekly + "/targets")
                .then().statusCode(201).body("effectiveFrom", equalTo("2025-W53"));

        String quarterly = measure("nrr", "QUARTERLY");
        asAdmin().body(TestData.target("2027-Q2", 110, 100)).post("/measures/" + quarterly + "/targets")
                .then().statusCode(201).body("effectiveFrom", equalTo("2027-Q2"));
        asAdmin().body(TestData.target("2027-Q4", 120, 100)).post("/measures/" + quarterly + "/targets")
                .then().statusCode(201).body("version", equalTo(2));
        // 2 December 2026 lies in fiscal 2027-Q3 (October to December 2026): version 1 is in effect
        clock.pin(Instant.parse("2026-12-02T12:00:00Z"));
        asViewer().queryParam("period", "current").get("/measures/" + quarterly + "/targets")
                .then().statusCode(200).body("version", equalTo(1)).body("effectiveFrom", equalTo("2027-Q2"));
        // 1 January 2027, 00:30 in Berlin, is fiscal 2027-Q4 already, though still 2026 in UTC
        clock.pin(Instant.parse("2026-12-31T23:30:00Z"));
        asViewer().queryParam("period", "current").get("/measures/" + quarterly + "/targets")
                .then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void shouldExportTheCalendarAndRefuseAFileWhoseCalendarDiffers() throws Exception {
        JsonNode exported = JSON.readTree(RequestAs.viewer().accept(ContentType.JSON).get("/organisation")
                .then().statusCode(200).extract().asString());
        assertEquals(JSON.readTree("""
                {"timeZone": "Europe/Berlin", "weekStart": "SUNDAY", "fiscalYearStartMonth": 4}"""),
                exported.get("calendar"));

        String driver = TestData.key("ops");
        String same = """
                {"calendar": {"timeZone": "Europe/Berlin", "weekStart": "SUNDAY", "fiscalYearStartMonth": 4},
                 "drivers": [{"key": "%s", "name": "Operations", "function": "OPERATIONS", "owner": "ops@example.com"}]}
                """.formatted(driver);
        asAdmin().body(same).post("/organisation/plan").then().statusCode(200).body("summary.create", equalTo(1));
        String other = same.replace("\"Europe/Berlin\"", "\"UTC\"").replace("\"fiscalYearStartMonth\": 4",
                "\"fiscalYearStartMonth\": 1");
        for (String step : List.of("plan", "apply")) {
            JsonNode problem = JSON.readTree(asAdmin().body(other).post("/organisation/" + step)
                    .then().statusCode(422).contentType("application/problem+json").extract().asString());
            assertEquals(JSON.readTree("""
                    [{"field": "calendar.timeZone", "message": "is UTC but the suite's calendar has Europe/Berlin; the \
                    calendar is set at installation (TOPLINE_TIME_ZONE, TOPLINE_WEEK_START, \
                    TOPLINE_FISCAL_YEAR_START_MONTH), not by a file", "line": 1, "column": 27},
                     {"field": "calendar.fiscalYearStartMonth", "message": "is 1 but the suite's calendar has 4; the \
                    calendar is set at installation (TOPLINE_TIME_ZONE, TOPLINE_WEEK_START, \
                    TOPLINE_FISCAL_YEAR_START_MONTH), not by a file", "line": 1, "column": 81}]"""),
                    problem.get("violations"));
        }
        asViewer().get("/drivers/" + driver).then().statusCode(404);
    }

    private static String measure(String prefix, String cadence) {
        String key = TestData.key(prefix);
        Map<String, Object> body = TestData.measure(key, TestData.createDriver("mkt"));
        body.put("cadence", cadence);
        TestData.createMeasure(body);
        return key;
    }
}
