package io.topline.alerts.scorecard;

import io.topline.alerts.catalog.CatalogDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scorecard's flow order is the one drivers-service's GET /drivers/flow gives. */
class RevenueFlowTest {

    @Test
    void shouldBreakTiesByFunctionThenKeyLikeDriversService() {
        List<CatalogDriver> drivers = List.of(
                driver("finance", "FINANCE"),
                driver("operations", "OPERATIONS", "service"),
                driver("service", "SERVICE", "finance"),
                driver("sales", "SALES", "service"),
                driver("marketing", "MARKETING", "sales"),
                driver("a-partners", "OTHER", "sales"));

        assertEquals(List.of("marketing", "operations", "a-partners", "sales", "service", "finance"),
                RevenueFlow.order(drivers));
    }

    @Test
    void shouldPutDriversCaughtInACycleLastByKey() {
        List<CatalogDriver> drivers = List.of(
                driver("z-loop", "MARKETING", "b-loop"),
                driver("b-loop", "SALES", "z-loop"),
                driver("sales", "SALES", "b-loop"),
                driver("marketing", "MARKETING", "sales"));

        assertEquals(List.of("marketing", "sales", "b-loop", "z-loop"), RevenueFlow.order(drivers));
    }

    private static CatalogDriver driver(String key, String function, String... feedsInto) {
        CatalogDriver driver = new CatalogDriver(key);
        driver.apply(1, key, function, "owner@example.com", null, List.of(feedsInto), false, Instant.EPOCH);
        return driver;
    }
}
