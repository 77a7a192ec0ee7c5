package io.topline.alerts.evaluation;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Evaluations by measure and period. */
@ApplicationScoped
public class EvaluationRepository implements PanacheRepository<Evaluation> {

    public Optional<Evaluation> findFor(String measureKey, String period) {
        return find("measureKey = ?1 and period = ?2", measureKey, period).firstResultOptional();
    }

    /** Periods of the measure whose evaluation is already closed (FINAL or REVISED). */
    public Set<String> closedPeriods(String measureKey) {
        return find("measureKey = ?1 and state <> ?2", measureKey, EvaluationState.PROVISIONAL)
                .stream().map(Evaluation::period).collect(Collectors.toSet());
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
