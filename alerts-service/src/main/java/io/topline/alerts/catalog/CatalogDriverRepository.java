package io.topline.alerts.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.query.NativeQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drivers of the read model. */
@ApplicationScoped
public class CatalogDriverRepository implements PanacheRepositoryBase<CatalogDriver, String> {

    private static final StringListConverter LIST = new StringListConverter();

    /**
     * The revenue flow's edges: each active driver that feeds others, with the keys of those it feeds. Read as plain
     * values, not entities: a miss's likely causes need only these, and a catalog of thousands of drivers loaded as
     * managed entities cost a live miss some 10 ms of loading and of dirty checking at its flush.
     */
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> flow() {
        // naming the entity it reads keeps Hibernate from flushing the whole session first (a native query's tables
        // are unknown to it), which would send a miss's pending writes early and split their JDBC batches
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "select key, feeds_into from catalog_driver where not archived and feeds_into <> ''")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(CatalogDriver.class).getResultList();
        Map<String, List<String>> feedsInto = new HashMap<>();
        rows.forEach(row -> feedsInto.put((String) row[0], LIST.convertToEntityAttribute((String) row[1])));
        return feedsInto;
    }
}
