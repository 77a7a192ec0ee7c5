package io.topline.metrics.actual;

import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.chassis.outbox.Outbox;
import io.topline.metrics.period.Period;
import io.topline.metrics.period.PeriodCalendar;
import io.topline.metrics.period.TimeBounds;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Merges ingested measurements into period actuals, announces each change, and serves the period series. */
@ApplicationScoped
public class ActualService {

    private final ActualRepository repository;
    private final MeasureCatalog catalog;
    private final PeriodCalendar calendar;
    private final TimeBounds bounds;
    private final Outbox outbox;
    private final Clock clock;

    public ActualService(ActualRepository repository, MeasureCatalog catalog, PeriodCalendar calendar,
                         TimeBounds bounds, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.bounds = bounds;
        this.repository = repository;
        this.catalog = catalog;
        this.calendar = calendar;
        this.outbox = outbox;
    }

    /**
     * Merges the aggregates into their actuals and appends one {@code topline.actual.updated} per measure-period,
     * all in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Actual> merge(List<PeriodAggregate> aggregates, Map<String, MeasureInfo> measures, Instant now) {
        List<Actual> actuals = repository.merge(aggregates, now);
        List<Outbox.NewEvent> events = new ArrayList<>(actuals.size());
        for (Actual actual : actuals) {
            ActualUpdated event = ActualUpdated.of(actual, measures.get(actual.measureKey()).aggregation());
            // keyed by measure-period, as compaction keeps the latest record per key: every period survives it
            events.add(new Outbox.NewEvent(ActualUpdated.TYPE, event.subject(), event.subject(), event));
        }
        // one statement for all of them (a batch spread over 400 measure-periods made 400 inserts before); an actual
        // event is the period's whole state, so one still waiting for the relay is replaced: under a burst the relay
        // and alerts-service get the latest actual of each measure-period instead of every step towards it. The
        // upsert above holds the actual rows' locks, so every event replaced is older than ours.
        outbox.appendLatest(events, now);
        return actuals;
    }

    /**
     * The actuals of {@code measure} for the periods from {@code from} to {@code to}, both included; absent periods
     * had no data. Each bound is a period label of the measure's cadence or an instant, which stands for the period
     * it falls in.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ActualResponse> series(String measure, String from, String to, PageRequest page) {
        MeasureInfo info = catalog.find(measure).orElseThrow(() -> ProblemException.notFound("Measure", measure));
        Instant start = from == null ? Instant.EPOCH : period(info, "from", from).start();
        Instant end = to == null ? TimeBounds.UNBOUNDED_END : period(info, "to", to).end();
        return PanachePages.of(repository.series(measure, start, end), page)
                .map(actual -> ActualResponse.of(actual, info.aggregation()));
    }

    private Period period(MeasureInfo info, String field, String text) {
        return bounds.period(info.cadence(), text).orElseThrow(() -> ProblemException.unprocessable(field,
                "'" + text + "' is neither an ISO-8601 instant with an offset nor a " + info.cadence()
                        + " period of measure '" + info.key() + "' (such as "
                        + calendar.periodOf(info.cadence(), clock.instant()).label() + ")"));
    }
}
