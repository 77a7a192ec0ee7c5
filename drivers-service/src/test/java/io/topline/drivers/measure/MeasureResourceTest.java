package io.topline.drivers.measure;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.drivers.TestData;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Measures over HTTP: owner default, the focus rule, currencies, enums, updates and security. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class MeasureResourceTest {

    @Test
    void shouldCreateMeasureWithOwnerDefaultingToTheDriversOwner() {
        String driver = TestData.createDriver("service");
        String key = TestData.key("retention");
        asAdmin().body(TestData.measure(key, driver)).post("/measures")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/measures/" + key))
                .header("ETag", equalTo("\"1\""))
                .contentType(ContentType.JSON)
                .body("key", equalTo(key))
                .body("driverKey", equalTo(driver))
                .body("name", equalTo("Measure " + key))
                .body("unit", equalTo("PERCENT"))
                .body("currency", nullValue())
                .body("aggregation", equalTo("LAST"))
                .body("direction", equalTo("HIGHER_IS_BETTER"))
                .body("cadence", equalTo("MONTHLY"))
                .body("owner", equalTo("owner-" + driver + "@example.com"))
                .body("description", equalTo("How " + key + " is doing"))
                .body("expectedEvery", nullValue())
                .body("archived", equalTo(false))
                .body("revision", equalTo(1))
                .body("targets", hasSize(0))
                .body("createdAt", notNullValue());

        Map<String, Object> own = TestData.measure(TestData.key("nps"), driver);
        own.put("owner", "nina@example.com");
        asAdmin().body(own).post("/measures").then().statusCode(201).body("owner", equalTo("nina@example.com"));
        asViewer().queryParam("driver", driver).get("/measures")
                .then().statusCode(200).body("items", hasSize(2)).body("totalItems", equalTo(2));
    }

    @Test
    void shouldKeepAHeartbeatAndRefuseOneThatIsNotADurationOrOutOfBounds() {
        String driver = TestData.createDriver("support");
        Map<String, Object> daily = TestData.measure(TestData.key("tickets"), driver);
        daily.put("expectedEvery", "P1D");
        asAdmin().body(daily).post("/measures").then().statusCode(201).body("expectedEvery", equalTo("P1D"));
        asAdmin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"expectedEvery\":\"PT4H\"}").patch("/measures/" + daily.get("key"))
                .then().statusCode(200).body("expectedEvery", equalTo("PT4H")).body("revision", equalTo(2));

        for (String interval : new String[]{"daily", "PT1M", "P93D"}) {
            Map<String, Object> body = TestData.measure(TestData.key("tickets"), driver);
            body.put("expectedEvery", interval);
            asAdmin().body(body).post("/measures")
                    .then().statusCode(interval.equals("daily") ? 400 : 422)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("expectedEvery"))
                    .body("violations[0].message", equalTo(interval.equals("daily")
                            ? "must be an ISO-8601 duration such as PT4H or P1D" : "must be between PT5M and P92D"));
        }
    }

    @Test
    void shouldRefuseThirdActiveMeasureExplainingTheFocusRule() {
        String driver = TestData.createDriver("sales");
        String first = TestData.createMeasure("new-clients", driver);
        TestData.createMeasure("closing-ratio", driver);

        asAdmin().body(TestData.measure(TestData.key("third"), driver)).post("/measures")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/focus-rule"))
                .body("title", equalTo("Conflict"))
                .body("detail", containsString("already has 2 active measure(s)"))
                .body("detail", containsString("a driver keeps at most 2 so that its owner stays focused"))
                .body("violations[0].field", equalTo("driverKey"));

        asAdmin().header("If-Match", "\"1\"").post("/measures/" + first + "/archive").then().statusCode(200)
                .body("archived", equalTo(true));
        asAdmin().body(TestData.measure(TestData.key("third"), driver)).post("/measures").then().statusCode(201);
    }

    @Test
    void shouldRequireAKnownCurrencyForCurrencyMeasuresOnly() {
        String driver = TestData.createDriver("finance");
        Map<String, Object> body = TestData.measure(TestData.key("revenue"), driver);
        body.put("unit", "CURRENCY");
        asAdmin().body(body).post("/measures")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("A CURRENCY measure needs an ISO 4217 currency code"))
                .body("violations[0].field", equalTo("currency"));
        body.put("currency", "XYZ");
        asAdmin().body(body).post("/measures")
                .then().statusCode(422).body("detail", equalTo("'XYZ' is not an ISO 4217 currency code"))
                .body("violations[0].field", equalTo("currency"));
        body.put("currency", "eur");
        asAdmin().body(body).post("/measures")
                .then().statusCode(400).body("violations[0].field", equalTo("currency"))
                .body("violations[0].message", equalTo("must be an ISO 4217 code of three capital letters"));
        body.put("currency", "EUR");
        asAdmin().body(body).post("/measures").then().statusCode(201).body("currency", equalTo("EUR"));

        Map<String, Object> percent = TestData.measure(TestData.key("margin"), driver);
        percent.put("currency", "EUR");
        asAdmin().body(percent).post("/measures")
                .then().statusCode(422).body("violations[0].field", equalTo("currency"))
                .body("detail", equalTo("Only a CURRENCY measure has a currency; this one is PERCENT"));
    }

    @Test
    void shouldRefuseMeasuresOfUnknownOrArchivedDrivers() {
        asAdmin().body(TestData.measure(TestData.key("lost"), "no-such-driver")).post("/measures")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("Driver 'no-such-driver' does not exist"))
                .body("violations[0].field", equalTo("driverKey"));

        String driver = TestData.createDriver("closed");
        String measure = TestData.createMeasure("old", driver);
        asAdmin().header("If-Match", "\"1\"").post("/drivers/" + driver + "/archive").then().statusCode(200);
        asViewer().get("/measures/" + measure).then().statusCode(200).body("archived", equalTo(true))
                .body("revision", equalTo(2));
        asAdmin().body(TestData.measure(TestData.key("new"), driver)).post("/measures")
                .then().statusCode(422)
                .body("detail", equalTo("Driver '" + driver + "' is archived and takes no new measures"))
                .body("violations[0].field", equalTo("driverKey"));
    }

    @Test
    void shouldRefuseDuplicateMeasureKey() {
        String driver = TestData.createDriver("ops");
        String key = TestData.createMeasure("lead-time", driver);
        asAdmin().body(TestData.measure(key, driver)).post("/measures")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/duplicate-key"))
                .body("violations[0].field", equalTo("key"));
    }

    @Test
    void shouldNameUnknownEnumValuesAndMissingFields() {
        String driver = TestData.createDriver("enums");
        for (String field : new String[] {"unit", "aggregation", "direction", "cadence"}) {
            Map<String, Object> body = TestData.measure(TestData.key("enum"), driver);
            body.put(field, "SIDEWAYS");
            asAdmin().body(body).post("/measures")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://topline.dev/problems/malformed-field"))
                    .body("violations[0].field", equalTo(field));
        }
        Map<String, Object> missing = TestData.measure(TestData.key("missing"), driver);
        missing.remove("cadence");
        missing.remove("name");
        asAdmin().body(missing).post("/measures")
                .then().statusCode(400)
                .body("detail", equalTo("The request has 2 invalid field(s)"))
                .body("violations.field", contains("cadence", "name"));
        Map<String, Object> blankOwner = TestData.measure(TestData.key("blank"), driver);
        blankOwner.put("owner", "  ");
        asAdmin().body(blankOwner).post("/measures")
                .then().statusCode(400).body("violations[0].field", equalTo("owner"));
    }

    @Test
    void shouldUpdateMeasureWithIfMatchAndKeepCadenceFixed() {
        String driver = TestData.createDriver("upd");
        String key = TestData.createMeasure("leads", driver);
        Map<String, Object> update = TestData.measure(key, driver);
        update.remove("key");
        update.remove("driverKey");
        update.remove("direction");
        update.remove("cadence");
        update.put("name", "Qualified leads");
        update.put("unit", "COUNT");
        update.put("aggregation", "SUM");

        asAdmin().body(update).put("/measures/" + key).then().statusCode(428).contentType("application/problem+json");
        asAdmin().header("If-Match", "\"1\"").body(update).put("/measures/" + key)
                .then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("name", equalTo("Qualified leads")).body("unit", equalTo("COUNT"))
                .body("aggregation", equalTo("SUM")).body("cadence", equalTo("MONTHLY")).body("revision", equalTo(2));
        asAdmin().header("If-Match", "\"1\"").body(update).put("/measures/" + key)
                .then().statusCode(412).contentType("application/problem+json");
        update.put("cadence", "WEEKLY");
        asAdmin().header("If-Match", "\"2\"").body(update).put("/measures/" + key)
                .then().statusCode(422).body("type", equalTo("https://topline.dev/problems/unprocessable"))
                .body("violations[0].field", equalTo("cadence"));
    }

    @Test
    void shouldLetViewersReadButOnlyAdminsWrite() {
        String driver = TestData.createDriver("sec");
        String key = TestData.createMeasure("m", driver);
        asViewer().get("/measures/" + key).then().statusCode(200).header("ETag", equalTo("\"1\""));
        asViewer().body(TestData.measure(TestData.key("x"), driver)).post("/measures")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/forbidden"));
        asViewer().header("If-Match", "\"1\"").post("/measures/" + key + "/archive")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/measures/" + key)
                .then().statusCode(401).contentType("application/problem+json");
        asViewer().get("/measures/nothing-here")
                .then().statusCode(404).body("detail", equalTo("Measure 'nothing-here' does not exist"));
    }
}
