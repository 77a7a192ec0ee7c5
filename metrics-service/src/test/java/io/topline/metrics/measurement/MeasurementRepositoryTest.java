package io.topline.metrics.measurement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class MeasurementRepositoryTest {

    @Inject
    EntityManager entityManager;

    @Test
    void shouldOrderClientIdsForCopyAsPostgresqlOrdersThemForTheFallbackInsert() {
        // beyond U+FFFF Java's String order (UTF-16 units) and PostgreSQL's "C" order (code points) disagree
        List<String> ids = new ArrayList<>(List.of("z-10", "\uFF71", "B", "\uD83D\uDE00", "a", "\u00E9", "z-2", "z-1",
                "\uFFFD", "\uD800\uDC00"));
        String values = ids.stream().map(id -> "('" + id + "')").collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<String> byPostgresql = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT c FROM (VALUES " + values + ") AS t(c) ORDER BY c COLLATE \"C\"").getResultList());
        ids.sort(MeasurementRepository::compareCodePoints);
        assertEquals(byPostgresql, ids);
    }
}
