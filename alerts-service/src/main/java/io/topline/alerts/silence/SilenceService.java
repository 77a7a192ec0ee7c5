package io.topline.alerts.silence;

import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.AlertRepository;
import io.topline.alerts.alert.AlertService;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.chassis.calendar.FiscalCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Creates, lists and expires silences, each in one transaction with its event, and applies the silences in force to
 * the open alerts, releasing the notifications of firings whose silence ended.
 */
@ApplicationScoped
public class SilenceService {

    // instants PostgreSQL and every client can hold, far beyond any silence
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final SilenceRepository silences;
    private final SilenceEvents events;
    private final Silencer silencer;
    private final AlertRepository alerts;
    private final AlertService alertService;
    private final SilenceConfig config;
    private final ZoneId organisationZone;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    public SilenceService(SilenceRepository silences, SilenceEvents events, Silencer silencer, AlertRepository alerts,
                          AlertService alertService, SilenceConfig config, FiscalCalendar calendar, Clock clock) {
        this.silences = silences;
        this.events = events;
        this.silencer = silencer;
        this.alerts = alerts;
        this.alertService = alertService;
        this.config = config;
        this.organisationZone = calendar.zone();
        this.clock = clock;
    }

    /**
     * Checks and stores a silence created by {@code person}, announces it and applies it to the open alerts at once;
     * the response counts the open alerts its matchers pick (whatever its window), warning when there are none.
     */
    @Transactional
    public SilenceResponse create(CreateSilenceRequest request, String person) {
        return create(request, person, null);
    }

    /** {@link #create(CreateSilenceRequest, String)} under the key an organisation file names it by (null: a new one). */
    @Transactional
    public SilenceResponse create(CreateSilenceRequest request, String person, String key) {
        Instant now = clock.instant();
        Stated stated = check(request, now);
        Silence silence = new Silence(stated.matchers(), stated.startsAt(), stated.endsAt(), stated.untilResolved(),
                stated.schedule(), request.comment(), person, now);
        if (key != null) {
            silence.rekey(key);
        }
        int matching = countMatchingOpen(silence);
        silences.persist(silence);
        events.created(silence, now);
        applyToOpenAlerts(now);
        return SilenceResponse.created(silence, now, matching);
    }

    /** Checks a silence as {@link #create} would and answers it as it would be stored (startsAt now when omitted). */
    public Stated check(CreateSilenceRequest request, Instant now) {
        List<LabelMatcher> matchers = checkedMatchers(request.matchers());
        Instant startsAt = request.startsAt() == null ? now : instant(request.startsAt(), "startsAt");
        Instant endsAt = request.endsAt() == null ? null : instant(request.endsAt(), "endsAt");
        boolean untilResolved = Boolean.TRUE.equals(request.untilResolved());
        MaintenanceWindow schedule = request.schedule() == null ? null : checkedWindow(request.schedule());
        checkEnd(startsAt, endsAt, untilResolved, schedule, now);
        return new Stated(matchers, startsAt, endsAt, untilResolved, schedule);
    }

    /** The end a request names (null when none), read as {@link #create} reads it. */
    public Instant endOf(CreateSilenceRequest request) {
        return request.endsAt() == null ? null : instant(request.endsAt(), "endsAt");
    }

    /** The silences not ended, by their key: the ones an organisation file states. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Silence> notEnded() {
        return silences.list("endedAt is null order by slug");
    }

    /** Ends a silence an organisation file changed or left out, and notifies the firings it alone muted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void end(Silence silence, String person) {
        Instant now = clock.instant();
        events.end(silence, now, person);
        applyToOpenAlerts(now);
    }

    /** A silence's settings as checked: what a stored one is compared with. */
    public record Stated(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, boolean untilResolved,
                         MaintenanceWindow schedule) {
    }

    @Transactional
    public SilenceResponse get(UUID id) {
        return SilenceResponse.of(find(id), clock.instant());
    }

    /** Silences in {@code state} (all when null), newest first. */
    @Transactional
    public Page<SilenceResponse> list(SilenceState state, PageRequest page) {
        Instant now = clock.instant();
        return PanachePages.of(silences.search(state, now), page).map(s -> SilenceResponse.of(s, now));
    }

    /** Ends a silence now, pending or active, and notifies the firings it alone muted. */
    @Transactional
    public SilenceResponse expire(UUID id, String person) {
        Silence silence = silences.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Silence", id.toString()));
        Instant now = clock.instant();
        if (silence.state(now) == SilenceState.EXPIRED) {
            throw ProblemException.conflict("silence-expired", "Silence " + id + " already ended at "
                    + (silence.endedAt() != null ? silence.endedAt() : silence.endsAt()));
        }
        events.end(silence, now, person);
        applyToOpenAlerts(now);
        return SilenceResponse.of(silence, now);
    }

    /**
     * Marks the silences whose {@code endsAt} passed, and the "until resolved" ones all of whose muted alerts are
     * resolved, as ended (once, with their event), then applies the silences in force to every open alert; the caller
     * holds the sweep's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sweep() {
        Instant now = clock.instant();
        for (Silence silence : silences.endsAtPassed(now)) {
            events.end(silence, silence.endsAt(), null);
        }
        for (Silence silence : silences.untilResolvedWithNothingOpen()) {
            // the resolve ends it at once; this catches two resolves committed side by side, each of which saw the
            // other's alert still open (a batch of a closing round or of a consumer poll holds its resolves seconds)
            events.end(silence, now, null);
        }
        applyToOpenAlerts(now);
    }

    /** Applies the silences in force to the open alerts they change, measure by measure in key order. */
    private void applyToOpenAlerts(Instant now) {
        silences.flush();
        List<Silence> inForce = silences.inForce(now);
        for (Alert alert : alerts.open()) {
            if (silencer.changes(alert, now, inForce)) {
                alertService.applySilences(alert.id());
            }
        }
    }

    private Silence find(UUID id) {
        return silences.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Silence", id.toString()));
    }

    /** How many open alerts the matchers pick; a regular expression too slow to judge them is refused. */
    private int countMatchingOpen(Silence silence) {
        try {
            return (int) alerts.open().stream()
                    .filter(alert -> silence.matchesLabels(SilenceLabels.of(alert), config.regexTimeout()))
                    .count();
        } catch (BoundedRegex.RegexTimeoutException e) {
            throw ProblemException.unprocessable("matchers", "A regular expression takes too long to match "
                    + "alert labels; simplify it");
        }
    }

    private static List<LabelMatcher> checkedMatchers(List<LabelMatcher> matchers) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            LabelMatcher matcher = matchers.get(i);
            String field = "matchers[" + i + "]";
            if (!SilenceLabels.NAMES.contains(matcher.label())) {
                violations.add(new Problem.Violation(field + ".label", "must be one of " + SilenceLabels.NAMES));
            }
            if (matcher.operator().regex()) {
                regexError(matcher.value()).ifPresent(error -> violations.add(
                        new Problem.Violation(field + ".value", "is not a valid regular expression: " + error)));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The silence's matchers cannot be applied", violations);
        }
        return matchers;
    }

    private static Optional<String> regexError(String regex) {
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription());
        } catch (RuntimeException | StackOverflowError e) {
            // the compiler's own limits (deep nesting): as unusable as a syntax error
            return Optional.of("it cannot be compiled");
        }
    }

    private MaintenanceWindow checkedWindow(MaintenanceWindow window) {
        MaintenanceWindow normalized;
        try {
            normalized = window.normalized(organisationZone);
            ZoneId.of(normalized.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.unprocessable("schedule.timeZone", "is not an IANA time zone such as "
                    + "Europe/Berlin");
        }
        for (int i = 0; i < normalized.daysOfMonth().size(); i++) {
            if (normalized.daysOfMonth().get(i) == 0) {
                throw ProblemException.unprocessable("schedule.daysOfMonth[" + i + "]", "must be 1 to 31, or -1 to "
                        + "-31 counted from the month's end");
            }
        }
        if (!window.endsAfterStart()) {
            throw ProblemException.unprocessable("schedule.endTime", "must be after startTime (a window ends by "
                    + "24:00 of its day)");
        }
        return normalized;
    }

    private static void checkEnd(Instant startsAt, Instant endsAt, boolean untilResolved, MaintenanceWindow schedule,
                                 Instant now) {
        if (untilResolved && (endsAt != null || schedule != null)) {
            throw ProblemException.unprocessable("untilResolved", "cannot be combined with endsAt or a schedule");
        }
        if (!untilResolved && endsAt == null && schedule == null) {
            throw ProblemException.unprocessable("endsAt", "is required unless untilResolved is true or a schedule "
                    + "is given");
        }
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw ProblemException.unprocessable("endsAt", "must be after startsAt");
        }
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw ProblemException.unprocessable("endsAt", "must be in the future");
        }
    }

    /** An ISO-8601 instant with an offset, or a local date-time in the organisation time zone. */
    private Instant instant(String value, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                instant = LocalDateTime.parse(value).atZone(organisationZone).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(field, "must be an ISO-8601 instant with an offset (2026-11-28T"
                        + "18:00:00Z) or a local date-time in the organisation time zone (2026-11-28T19:00)");
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ProblemException.unprocessable(field, "must lie between the years 2000 and 9999");
        }
        return instant;
    }
}
