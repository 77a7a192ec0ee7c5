package io.topline.drivers.measure;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.topline.drivers.driver.Driver;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;

/** Measures by key and by driver. */
@ApplicationScoped
public class MeasureRepository implements PanacheRepository<Measure> {

    public Optional<Measure> findByKey(String key) {
        return find("key", key).firstResultOptional();
    }

    /** Reads the measure and locks its row until the transaction ends, so revisions grow one at a time. */
    public Optional<Measure> lockByKey(String key) {
        return find("key", key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Measure> activeOf(Driver driver) {
        return list("driver = ?1 and archived = false", Sort.by("key"), driver);
    }

    /**
     * The driver's active measures, their rows locked: a measure changed meanwhile (a target added, say) is read as
     * committed, so archiving it neither overwrites that change nor publishes a revision twice.
     */
    public List<Measure> lockActiveOf(Driver driver) {
        return find("driver = ?1 and archived = false", Sort.by("key"), driver)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public List<Measure> active() {
        return list("archived = false", Sort.by("key"));
    }

    public Page<Measure> search(String driverKey, boolean includeArchived, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (!includeArchived) {
            query.append(" and archived = false");
        }
        if (driverKey != null && !driverKey.isBlank()) {
            query.append(" and driver.key = :driver");
            parameters.and("driver", driverKey);
        }
        PanacheQuery<Measure> found = find(query.toString(), Sort.by("key"), parameters);
        return PanachePages.of(found, page);
    }
}
