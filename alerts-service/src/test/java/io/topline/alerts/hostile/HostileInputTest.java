package io.topline.alerts.hostile;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import io.topline.testinfra.hostile.HostileInputRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Generated hostile requests over every operation of this service's OpenAPI document: never a 5xx, every refusal a
 * problem, nothing internal in a body, and a healthy service afterwards (with the other two services' runs, over
 * 10,000 cases).
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    /** The host of the URLs the generator gives subscriptions (see {@code ApiDocument}). */
    private static final String GENERATED_URL = "https://example.com/hook/";

    @Test
    void shouldRefuseEveryHostileRequestWithAProblemAndStayHealthy() {
        HostileInputRun.assertRefusedCleanly(3_400);
    }

    /**
     * Deletes the subscriptions the valid-looking cases created: left behind, many match every alert, and the other
     * tests' deliveries would queue behind theirs to an unreachable host.
     */
    @AfterEach
    void deleteGeneratedSubscriptions() {
        int pages = 1;
        for (int page = 0; page < pages; page++) {
            JsonPath answer = RequestAs.admin().queryParam("page", page).queryParam("size", 500)
                    .when().get("/subscriptions").then().statusCode(200).extract().jsonPath();
            pages = answer.getInt("totalPages");
            List<String> generated = answer.getList(
                    "items.findAll { it.active && it.url.startsWith('" + GENERATED_URL + "') }.id", String.class);
            // deleting disables: the subscription stays listed, so the pages do not shift
            generated.forEach(id -> RequestAs.admin().when().delete("/subscriptions/" + id).then().statusCode(204));
        }
    }
}
