package io.topline.drivers.driver;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.topline.chassis.db.AdvisoryLocks;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;

import java.util.List;
import java.util.Optional;

/** Drivers by key, with the locks that keep the focus rule and the acyclic flow true under concurrency. */
@ApplicationScoped
public class DriverRepository implements PanacheRepository<Driver> {

    private static final String FLOW_LOCK = "revenue-flow";

    private final AdvisoryLocks locks;

    public DriverRepository(AdvisoryLocks locks) {
        this.locks = locks;
    }

    public Optional<Driver> findByKey(String key) {
        return byKey(key).firstResultOptional();
    }

    /** Reads the driver and locks its row until the transaction ends. */
    public Optional<Driver> lockByKey(String key) {
        return byKey(key).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * The driver of {@code key}, read without flushing the session first. A query's automatic flush visits every
     * entity the session holds, so an import of thousands of definitions, a few lookups each, was quadratic (and ran
     * past the transaction timeout; docs/definitions-as-code.md has the figures). Nothing a flush would write can
     * change what this query finds: the key never changes, and a new driver's row is inserted when it is persisted
     * (its identity column); the driver found is the session's own instance, with its unflushed changes.
     */
    private PanacheQuery<Driver> byKey(String key) {
        return find("key", key).withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.MANUAL);
    }

    /** Serializes changes to the flow's edges, so that two concurrent edits cannot close a cycle together. */
    public void lockFlow() {
        locks.lockForTransaction(FLOW_LOCK);
    }

    public List<Driver> active() {
        return list("archived = false", Sort.by("key"));
    }

    public Page<Driver> search(DriverFunction function, String owner, boolean includeArchived, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (!includeArchived) {
            query.append(" and archived = false");
        }
        if (function != null) {
            query.append(" and function = :function");
            parameters.and("function", function);
        }
        if (owner != null && !owner.isBlank()) {
            query.append(" and owner = :owner");
            parameters.and("owner", owner);
        }
        PanacheQuery<Driver> found = find(query.toString(), Sort.by("key"), parameters);
        return PanachePages.of(found, page);
    }
}
