package io.topline.alerts.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Actuals of the read model. */
@ApplicationScoped
public class ActualRepository implements PanacheRepository<Actual> {

    public Optional<Actual> findFor(String measureKey, String period) {
        return find("measureKey = ?1 and period = ?2", measureKey, period).firstResultOptional();
    }

    public List<Actual> ofMeasure(String measureKey) {
        return list("measureKey = ?1 order by periodStart", measureKey);
    }

    /** The values of the measure's actuals of the named periods, in one query. */
    public List<ActualValue> valuesOf(String measureKey, List<String> periods) {
        return find("measureKey = ?1 and period in ?2", measureKey, periods).project(ActualValue.class).list();
    }

    /** The values of every actual of a cadence whose period starts at {@code from} or later. */
    public List<ActualValue> valuesOfCadenceSince(Cadence cadence, Instant from) {
        return find("cadence = ?1 and periodStart >= ?2", cadence, from).project(ActualValue.class).list();
    }
}
