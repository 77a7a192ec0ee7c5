package io.topline.alerts.alert;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Alerts by id, dedup key and the filters of {@code GET /alerts}. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    public List<Alert> ofPeriod(String measureKey, String period) {
        return list("measureKey = ?1 and period = ?2", measureKey, period);
    }

    /** The alerts of several measures whose period is one of {@code periods}: a superset of pairs to pick from. */
    public List<Alert> ofPeriods(Collection<String> measureKeys, Collection<String> periods) {
        return list("measureKey in ?1 and period in ?2", measureKeys, periods);
    }

    public List<Alert> openOfMeasure(String measureKey) {
        return list("measureKey = ?1 and state <> ?2", measureKey, AlertState.RESOLVED);
    }

    /** Every open alert, in the order their measures are locked in (so that two sweeps never deadlock). */
    public List<Alert> open() {
        return list("state <> ?1 order by measureKey, id", AlertState.RESOLVED);
    }

    /** The open MISSED and PROJECTED_MISS alerts of the given drivers. */
    public List<Alert> openRedOfDrivers(Collection<String> driverKeys) {
        return list("driverKey in ?1 and state <> ?2 and kind in ?3", driverKeys, AlertState.RESOLVED,
                List.of(AlertKind.MISSED, AlertKind.PROJECTED_MISS));
    }

    /** The ACKNOWLEDGED alerts whose acknowledgement (their latest transition) happened at or before {@code cutoff}. */
    public List<UUID> acknowledgedUntil(Instant cutoff) {
        return getEntityManager().createQuery("select a.id from Alert a join a.transitions t where a.state = :state "
                        + "and t.sequence = a.sequence and t.at <= :cutoff order by a.measureKey, a.id", UUID.class)
                .setParameter("state", AlertState.ACKNOWLEDGED)
                .setParameter("cutoff", cutoff)
                .getResultList();
    }

    /** The FIRING alerts that were notified (none a silence holds back), in lock order. */
    public List<UUID> firingNotified() {
        return getEntityManager().createQuery("select a.id from Alert a where a.state = :state "
                        + "and a.notificationPending = false order by a.measureKey, a.id", UUID.class)
                .setParameter("state", AlertState.FIRING)
                .getResultList();
    }

    /** The open alerts of one kind of a measure. */
    public List<Alert> openOfMeasure(String measureKey, AlertKind kind) {
        return list("measureKey = ?1 and kind = ?2 and state <> ?3", measureKey, kind, AlertState.RESOLVED);
    }

    /** The open alerts of a kind of several measures, in measure order (the order their locks were taken in). */
    public List<Alert> openOfMeasures(Collection<String> measureKeys, AlertKind kind) {
        return list("measureKey in ?1 and kind = ?2 and state <> ?3 order by measureKey, id", measureKeys, kind,
                AlertState.RESOLVED);
    }

    /** Alerts matching every given filter (null ones are ignored), newest first. */
    public PanacheQuery<Alert> search(AlertFilter filter) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        andEquals(query, parameters, "state", "state", filter.state());
        andEquals(query, parameters, "kind", "kind", filter.kind());
        andEquals(query, parameters, "driverKey", "driver", filter.driver());
        andEquals(query, parameters, "driverFunction", "function", filter.function());
        andEquals(query, parameters, "measureKey", "measure", filter.measure());
        andEquals(query, parameters, "severity", "severity",
                filter.severity() == null ? null : filter.severity().name());
        andEquals(query, parameters, "period", "period", filter.period());
        return find(query + " order by createdAt desc, id", parameters);
    }

    /** Adds {@code field = :name} to the query, unless {@code value} is null (a filter that was not given). */
    private static void andEquals(StringBuilder query, Parameters parameters, String field, String name, Object value) {
        if (value != null) {
            query.append(" and ").append(field).append(" = :").append(name);
            parameters.and(name, value);
        }
    }
}
