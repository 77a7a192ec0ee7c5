package io.topline.metrics.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Stored measure definitions. */
@ApplicationScoped
public class CatalogMeasureRepository implements PanacheRepositoryBase<CatalogMeasure, String> {

    /** Locks the measure's row so that two consumers of one key apply revisions one at a time. */
    public CatalogMeasure findForUpdate(String key) {
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }
}
