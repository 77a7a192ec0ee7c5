package io.topline.alerts.silence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Silences by id, by state, and the ones that may mute an alert now. */
@ApplicationScoped
public class SilenceRepository implements PanacheRepositoryBase<Silence, UUID> {

    private static final String ORDER = " order by createdAt desc, id";

    /** Silences started and not ended at {@code at}; their windows and matchers are judged by the caller. */
    public List<Silence> inForce(Instant at) {
        return list("endedAt is null and startsAt <= ?1 and (endsAt is null or endsAt > ?1)", at);
    }

    /** "Until resolved" silences not ended that muted alerts, none of which is open any more. */
    public List<Silence> untilResolvedWithNothingOpen() {
        List<UUID> ids = getEntityManager().createNativeQuery("select s.id from silence s where s.until_resolved "
                        + "and s.ended_at is null "
                        + "and exists (select 1 from silence_muted_alert l where l.silence_id = s.id) "
                        + "and not exists (select 1 from silence_muted_alert o join alert a on a.id = o.alert_id "
                        + "where o.silence_id = s.id and a.state <> 'RESOLVED') order by s.id", UUID.class)
                .getResultList();
        return ids.stream().map(this::findById).toList();
    }

    /** Silences whose end has passed but that were not marked ended yet. */
    public List<Silence> endsAtPassed(Instant at) {
        return list("endedAt is null and endsAt <= ?1 order by endsAt, id", at);
    }

    /** Silences in {@code state} at {@code now} (all when null), newest first. */
    public PanacheQuery<Silence> search(SilenceState state, Instant now) {
        if (state == null) {
            return find("from Silence" + ORDER);
        }
        return switch (state) {
            case EXPIRED -> find("endedAt is not null or endsAt <= ?1" + ORDER, now);
            case PENDING -> find("endedAt is null and startsAt > ?1 and (endsAt is null or endsAt > ?1)" + ORDER, now);
            case ACTIVE -> find("endedAt is null and startsAt <= ?1 and (endsAt is null or endsAt > ?1)" + ORDER, now);
        };
    }
}
