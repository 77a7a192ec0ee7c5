package io.topline.alerts.silence;

import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertState;
import io.topline.alerts.batch.BatchReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which silences mute an alert, what they muted, and the end of an "until resolved" silence. */
@ApplicationScoped
public class Silencer {

    private static final Logger LOG = Logger.getLogger(Silencer.class);

    private final SilenceRepository silences;
    private final SilenceEvents events;
    private final SilenceConfig config;
    private final EntityManager entityManager;
    private final BatchReads reads;

    public Silencer(SilenceRepository silences, SilenceEvents events, SilenceConfig config,
                    EntityManager entityManager, BatchReads reads) {
        this.silences = silences;
        this.events = events;
        this.config = config;
        this.entityManager = entityManager;
        this.reads = reads;
    }

    /** The ids of the silences muting the alert at {@code at}, oldest first; recorded as having muted it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> mute(Alert alert, Instant at) {
        List<Silence> inForce = reads.get(List.of("silences-in-force", at), () -> silences.inForce(at));
        List<Silence> muting = muting(alert, at, inForce);
        if (!muting.isEmpty()) {
            // the alert row may not be flushed yet, and the link refers to it
            entityManager.flush();
            muting.forEach(silence -> link(silence.id(), alert.id()));
        }
        return muting.stream().map(s -> s.id().toString()).toList();
    }

    /** The silences among {@code candidates} that mute the alert at {@code at}, oldest first. */
    List<Silence> muting(Alert alert, Instant at, List<Silence> candidates) {
        Map<String, String> labels = SilenceLabels.of(alert);
        return candidates.stream()
                .filter(silence -> mutesSafely(silence, labels, at))
                .sorted(Comparator.comparing(Silence::createdAt))
                .toList();
    }

    private boolean mutesSafely(Silence silence, Map<String, String> labels, Instant at) {
        try {
            return silence.mutes(labels, at, config.regexTimeout());
        } catch (BoundedRegex.RegexTimeoutException e) {
            // better a notification too many than a missed one
            LOG.warnf("Silence %s did not mute %s: %s", silence.id(), labels, e.getMessage());
            return false;
        }
    }

    /**
     * Whether applying the silences in force to the alert would change something: the silences muting it, or a muted
     * firing that nothing mutes any more.
     */
    boolean changes(Alert alert, Instant at, List<Silence> inForce) {
        List<String> muting = muting(alert, at, inForce).stream().map(s -> s.id().toString()).toList();
        return !muting.equals(alert.silencedBy()) || (muting.isEmpty() && alert.state() == AlertState.FIRING && alert.notificationPending());
    }

    /** Ends the "until resolved" silences that muted the resolved alert once none of what they muted is open. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolved(Alert alert, Instant at) {
        entityManager.flush();
        List<?> ids = entityManager.createNativeQuery("select s.id from silence s join silence_muted_alert l "
                        + "on l.silence_id = s.id where l.alert_id = :alert and s.until_resolved and s.ended_at is null "
                        + "and not exists (select 1 from silence_muted_alert o join alert a on a.id = o.alert_id "
                        + "where o.silence_id = s.id and a.state <> 'RESOLVED') order by s.id", UUID.class)
                .setParameter("alert", alert.id())
                .getResultList();
        for (Object id : ids) {
            events.end(silences.findById((UUID) id), at, null);
        }
    }

    private void link(UUID silenceId, UUID alertId) {
        entityManager.createNativeQuery("insert into silence_muted_alert (silence_id, alert_id) "
                        + "values (:silence, :alert) on conflict do nothing")
                .setParameter("silence", silenceId)
                .setParameter("alert", alertId)
                .executeUpdate();
    }
}
