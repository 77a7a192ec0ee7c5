package io.topline.alerts.alert;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Alerts by id, dedup key and the filters of {@code GET /alerts}. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    public List<Alert> ofPeriod(String measureKey, String period) {
        return list("measureKey = ?1 and period = ?2", measureKey, period);
    }

    public List<Alert> openOfMeasure(String measureKey) {
        return list("measureKey = ?1 and state <> ?2", measureKey, AlertState.RESOLVED);
    }

    /** Alerts matching every given filter (null ones are ignored), newest first. */
    public PanacheQuery<Alert> search(AlertFilter filter) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.state() != null) {
            query.append(" and state = :state");
            parameters.and("state", filter.state());
        }
        if (filter.kind() != null) {
            query.append(" and kind = :kind");
            parameters.and("kind", filter.kind());
        }
        if (filter.driver() != null) {
            query.append(" and driverKey = :driver");
            parameters.and("driver", filter.driver());
        }
        if (filter.function() != null) {
            query.append(" and driverFunction = :function");
            parameters.and("function", filter.function());
        }
        if (filter.measure() != null) {
            query.append(" and measureKey = :measure");
            parameters.and("measure", filter.measure());
        }
        if (filter.severity() != null) {
            query.append(" and severity = :severity");
            parameters.and("severity", filter.severity().name());
        }
        if (filter.period() != null) {
            query.append(" and period = :period");
            parameters.and("period", filter.period());
        }
        return find(query + " order by createdAt desc, id", parameters);
    }
}
