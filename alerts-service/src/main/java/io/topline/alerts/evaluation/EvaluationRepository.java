package io.topline.alerts.evaluation;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Evaluations by measure and period. */
@ApplicationScoped
public class EvaluationRepository implements PanacheRepository<Evaluation> {

    public Optional<Evaluation> findFor(String measureKey, String period) {
        return find("measureKey = ?1 and period = ?2", measureKey, period).firstResultOptional();
    }

    /** Closed periods (FINAL or REVISED) of several measures by measure: two strings a row, no entity. */
    public Map<String, Set<String>> closedPeriodsOf(Collection<String> measureKeys) {
        Map<String, Set<String>> closed = new HashMap<>();
        getEntityManager().createQuery("select e.measureKey, e.period from Evaluation e where e.measureKey in :keys "
                        + "and e.state <> :open", Object[].class)
                .setParameter("keys", measureKeys).setParameter("open", EvaluationState.PROVISIONAL)
                .getResultList()
                .forEach(row -> closed.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((String) row[1]));
        return closed;
    }

    /** The evaluations of several measures whose period is one of {@code periods}: a superset of pairs to pick from. */
    public List<Evaluation> ofPeriods(Collection<String> measureKeys, Collection<String> periods) {
        return list("measureKey in ?1 and period in ?2", measureKeys, periods);
    }

    /** The scorecard's view of every evaluation of a cadence whose period starts at {@code from} or later. */
    public List<EvaluationCell> cellsOfCadenceSince(Cadence cadence, Instant from) {
        return find("cadence = ?1 and periodStart >= ?2", cadence, from).project(EvaluationCell.class).list();
    }

    /** The evaluations the suite holds for the measure's named periods, read as projections in one query. */
    public List<EvaluationCell> cellsOf(String measureKey, List<String> periods) {
        return find("measureKey = ?1 and period in ?2", measureKey, periods).project(EvaluationCell.class).list();
    }

    /** Evaluations, newest period first, optionally of one measure and one period. */
    public PanacheQuery<Evaluation> search(String measureKey, String period) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (measureKey != null) {
            query.append(" and measureKey = :measure");
            parameters.and("measure", measureKey);
        }
        if (period != null) {
            query.append(" and period = :period");
            parameters.and("period", period);
        }
        return find(query + " order by periodStart desc, measureKey", parameters);
    }
}
