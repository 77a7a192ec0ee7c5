package io.topline.alerts.cause;

import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.batch.BatchReads;
import io.topline.alerts.catalog.CatalogDriverRepository;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds an alert's likely causes: the open MISSED or PROJECTED_MISS alerts of drivers upstream in the revenue flow
 * (transitively, by {@code feedsInto}) whose period overlaps the alert's, nearest driver first, then final misses
 * before projected ones. This is the revenue flow doing what Alertmanager's inhibition rules do by hand.
 */
@ApplicationScoped
public class LikelyCauses {

    private static final Comparator<LikelyCause> NEAREST_FIRST = Comparator.comparingInt(LikelyCause::hops)
            .thenComparing(cause -> !"MISSED".equals(cause.kind()))
            .thenComparing(LikelyCause::measureKey)
            .thenComparing(LikelyCause::period);

    private final CatalogDriverRepository drivers;
    private final AlertRepository alerts;
    private final FiscalCalendar calendar;
    private final BatchReads reads;

    public LikelyCauses(CatalogDriverRepository drivers, AlertRepository alerts, FiscalCalendar calendar,
                        BatchReads reads) {
        this.drivers = drivers;
        this.alerts = alerts;
        this.calendar = calendar;
        this.reads = reads;
    }

    /** The likely causes of {@code alert} as the flow and the open alerts stand now; none for a NO_DATA alert. */
    public List<LikelyCause> of(Alert alert) {
        if (!alert.kind().red()) {
            return List.of();
        }
        Map<String, Integer> upstream = UpstreamDrivers.of(alert.driverKey(),
                reads.get("driver-flow", drivers::flow));
        if (upstream.isEmpty()) {
            return List.of();
        }
        return alerts.openRedOfDrivers(upstream.keySet()).stream()
                .filter(candidate -> overlap(alert, candidate))
                .map(candidate -> new LikelyCause(candidate.id().toString(), candidate.dedupKey(),
                        candidate.kind().name(), candidate.driverKey(), candidate.driverName(), candidate.measureKey(),
                        candidate.measureName(), candidate.period(), upstream.get(candidate.driverKey())))
                .sorted(NEAREST_FIRST)
                .toList();
    }

    /** Whether two alerts' periods share a day (a week and the month it falls in do; dates, so no zone is needed). */
    boolean overlap(Alert one, Alert other) {
        Period a = Period.parse(calendar, Cadence.valueOf(one.cadence()), one.period());
        Period b = Period.parse(calendar, Cadence.valueOf(other.cadence()), other.period());
        return a.firstDay().isBefore(b.next().firstDay()) && b.firstDay().isBefore(a.next().firstDay());
    }
}
