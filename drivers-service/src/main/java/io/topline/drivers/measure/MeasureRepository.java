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
import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Measures by key and by driver. */
@ApplicationScoped
public class MeasureRepository implements PanacheRepository<Measure> {

    /** Drivers per query of {@link #activeKeysByDriver}: well under PostgreSQL's 32,767 parameters a statement. */
    private static final int ACTIVE_KEYS_CHUNK = 1000;

    public Optional<Measure> findByKey(String key) {
        return byKey(key).firstResultOptional();
    }

    /** Reads the measure and locks its row until the transaction ends, so revisions grow one at a time. */
    public Optional<Measure> lockByKey(String key) {
        return byKey(key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The measure of {@code key}, read without flushing the session first (as {@code DriverRepository.byKey}). */
    private PanacheQuery<Measure> byKey(String key) {
        return find("key", key).withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.MANUAL);
    }

    public List<Measure> activeOf(Driver driver) {
        return list("driver = ?1 and archived = false", Sort.by("key"), driver);
    }

    /**
     * The keys of the active measures of each driver named, a query per 1,000 drivers: a query per driver flushed
     * the session each time, and a file's check of thousands of drivers took seconds.
     */
    public Map<String, Set<String>> activeKeysByDriver(Collection<String> driverKeys) {
        List<String> keys = List.copyOf(driverKeys);
        Map<String, Set<String>> active = new HashMap<>();
        for (int from = 0; from < keys.size(); from += ACTIVE_KEYS_CHUNK) {
            getEntityManager().createQuery("select m.driver.key, m.key from Measure m "
                            + "where m.archived = false and m.driver.key in :drivers", Object[].class)
                    .setParameter("drivers", keys.subList(from, Math.min(keys.size(), from + ACTIVE_KEYS_CHUNK)))
                    .getResultList()
                    .forEach(row -> active.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((String) row[1]));
        }
        return active;
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
