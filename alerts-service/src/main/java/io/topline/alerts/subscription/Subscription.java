package io.topline.alerts.subscription;

import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.catalog.StringListConverter;
import io.topline.alerts.grouping.GroupLabel;
import io.topline.alerts.receiver.DefaultTemplates;
import io.topline.alerts.receiver.MessageTemplate;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.receiver.ReceiverSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A subscriber: which alert transitions it wants, the receiver they go to (its kind, URL or e-mail recipients), the
 * template of its messages, and the encrypted secret (a webhook's signing secret, a PagerDuty routing key).
 */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    private UUID id;
    private String url;
    // only rows stored before secrets were encrypted, until SubscriptionService encrypts them at start
    @Column(name = "plain_secret")
    private String plainSecret;
    @Column(name = "secret_ciphertext")
    private String secretCiphertext;
    private String description;
    @Convert(converter = StringListConverter.class)
    private List<String> drivers;
    @Convert(converter = StringListConverter.class)
    private List<String> functions;
    @Convert(converter = StringListConverter.class)
    private List<String> measures;
    @Convert(converter = StringListConverter.class)
    private List<String> kinds;
    @Enumerated(EnumType.STRING)
    @Column(name = "min_severity")
    private Severity minSeverity;
    private boolean active;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    // null: told of a firing once; otherwise again every interval while it fires unacknowledged (RenotifySweep)
    @Column(name = "repeat_interval_seconds")
    private Long repeatIntervalSeconds;
    // reached only as a person's contact route or an escalation step's target, never by its filters
    @Column(name = "route_only")
    private boolean routeOnly;
    // the inhibition policy: hold a downstream firing while a likely cause this receiver was told of still fires
    @Column(name = "hold_downstream")
    private boolean holdDownstream;
    @Enumerated(EnumType.STRING)
    private ReceiverKind receiver;
    @Convert(converter = StringListConverter.class)
    private List<String> recipients;
    // null: the receiver kind's default
    @Column(name = "title_template")
    private String titleTemplate;
    @Column(name = "text_template")
    private String textTemplate;
    // null or 0: each notification on its own; else gathered this long into one message per group (NotificationGroups)
    @Column(name = "group_wait_seconds")
    private Long groupWaitSeconds;
    @Convert(converter = StringListConverter.class)
    @Column(name = "group_by")
    private List<String> groupBy;
    // a cron expression in the organisation time zone (DigestService); null: no digest
    @Column(name = "digest_schedule")
    private String digestSchedule;
    // gets the digest and nothing else: no alert notification reaches it through its filters
    @Column(name = "digest_only")
    private boolean digestOnly;
    @Column(name = "last_digest_at")
    private Instant lastDigestAt;
    // the stable key an organisation file names it by (definition/AlertingDefinitionsService)
    private String slug;
    // the settings an organisation file gave as ${VARIABLE}, by field: exported as the reference, never the value
    @Convert(converter = SecretRefsConverter.class)
    @Column(name = "secret_refs")
    private Map<String, String> secretRefs = Map.of();

    protected Subscription() {
    }

    /**
     * A new subscription; {@code secret} (null for kinds without one) is stored encrypted, {@code url} is null for
     * e-mail.
     */
    @SuppressWarnings("java:S107")
    public Subscription(ReceiverKind receiver, String url, String secret, SecretCipher cipher, String description,
                        List<String> drivers, List<String> functions, List<String> measures, List<String> kinds,
                        Severity minSeverity, String createdBy, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.receiver = receiver;
        this.recipients = List.of();
        this.url = url;
        this.secretCiphertext = secret == null ? null : cipher.encrypt(secret, id);
        this.description = description;
        this.drivers = List.copyOf(drivers);
        this.functions = List.copyOf(functions);
        this.measures = List.copyOf(measures);
        this.kinds = List.copyOf(kinds);
        this.minSeverity = minSeverity;
        this.active = true;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.slug = receiver.name().toLowerCase(Locale.ROOT) + "-"
                + id.toString().replace("-", "").substring(0, 12);
    }

    /** Sends its e-mails to these addresses. */
    public void mailTo(List<String> addresses) {
        this.recipients = List.copyOf(addresses);
    }

    /** Replaces the template; a null part goes back to the receiver kind's default. */
    public void template(MessageTemplate template) {
        this.titleTemplate = template == null ? null : template.title();
        this.textTemplate = template == null ? null : template.text();
    }

    /** The template in use: this subscription's own parts, and the kind's default for the parts it has not. */
    public MessageTemplate template() {
        return DefaultTemplates.filled(receiver, titleTemplate, textTemplate);
    }

    /** How this subscriber is notified. */
    public ReceiverSettings receiver() {
        return new ReceiverSettings(receiver, recipients, template());
    }

    /** Makes this a receiver that contact routes and escalation steps send to, and its filters never. */
    public void onlyAsRoute() {
        this.routeOnly = true;
    }

    public boolean routeOnly() {
        return routeOnly;
    }

    /** Holds downstream firings while a likely cause this receiver was told of still fires. */
    public void holdDownstreamWhileCausesFire() {
        this.holdDownstream = true;
    }

    public boolean holdsDownstream() {
        return holdDownstream;
    }

    public ReceiverKind receiverKind() {
        return receiver;
    }

    public List<String> recipients() {
        return recipients;
    }

    /** Tells this subscriber again of a FIRING alert nobody acknowledged every {@code interval}; null: never. */
    public void repeatEvery(Duration interval) {
        this.repeatIntervalSeconds = interval == null ? null : interval.toSeconds();
    }

    public Duration repeatInterval() {
        return repeatIntervalSeconds == null ? null : Duration.ofSeconds(repeatIntervalSeconds);
    }

    /** Gathers notifications for {@code wait} into one message per group of {@code labels}; zero sends each alone. */
    public void groupEvery(Duration wait, List<GroupLabel> labels) {
        this.groupWaitSeconds = wait.toSeconds();
        this.groupBy = labels.stream().map(GroupLabel::name).toList();
    }

    /** How long notifications wait to be sent together; zero when each goes on its own. */
    public Duration groupWait() {
        return groupWaitSeconds == null ? Duration.ZERO : Duration.ofSeconds(groupWaitSeconds);
    }

    /** The labels whose values a group's members share. */
    public List<GroupLabel> groupBy() {
        return groupBy == null || groupBy.isEmpty() ? GroupLabel.DEFAULT
                : groupBy.stream().map(GroupLabel::valueOf).toList();
    }

    /**
     * Sends a digest on the cron {@code schedule} (null: none); with {@code only}, nothing else. A new or changed
     * schedule counts from {@code now}: a digest that fell due before it was asked for is not sent.
     */
    public void digest(String schedule, boolean only, Instant now) {
        if (!Objects.equals(schedule, digestSchedule)) {
            this.lastDigestAt = now;
        }
        this.digestSchedule = schedule;
        this.digestOnly = only;
    }

    public String digestSchedule() {
        return digestSchedule;
    }

    public boolean digestOnly() {
        return digestOnly;
    }

    /** When the last scheduled digest was due and sent; null before the first. */
    public Instant lastDigestAt() {
        return lastDigestAt;
    }

    /** Records that the digest due at {@code dueAt} was sent, so that no replica sends it again. */
    public void digestSent(Instant dueAt) {
        this.lastDigestAt = dueAt;
    }

    /** Whether this subscriber wants the alert event; an empty filter admits everything. */
    public boolean wants(AlertEventData data) {
        return active && !routeOnly && !digestOnly && selector().admits(data.driver().key(), data.driver().function(),
                data.measure().key(), data.kind(), data.severity());
    }

    /** The alerts its filters pick. */
    public AlertSelector selector() {
        return new AlertSelector(drivers, functions, measures, kinds, minSeverity);
    }

    /** Stops deliveries, keeping the subscription and its delivery log. */
    public void disable(String reason) {
        this.active = false;
        this.disabledReason = reason;
    }

    /** Resumes deliveries of new messages; what was cancelled while disabled can be replayed. */
    public void enable() {
        this.active = true;
        this.disabledReason = null;
    }

    public UUID id() {
        return id;
    }

    public String url() {
        return url;
    }

    /** The signing secret, decrypted; a row from before encryption still holds it in plain text. */
    public String secret(SecretCipher cipher) {
        return secretCiphertext != null ? cipher.decrypt(secretCiphertext, id) : plainSecret;
    }

    /** Encrypts a secret still stored in plain text; returns whether there was one. */
    public boolean encryptPlainSecret(SecretCipher cipher) {
        if (plainSecret == null) {
            return false;
        }
        this.secretCiphertext = cipher.encrypt(plainSecret, id);
        this.plainSecret = null;
        return true;
    }

    public String description() {
        return description;
    }

    public List<String> drivers() {
        return drivers;
    }

    public List<String> functions() {
        return functions;
    }

    public List<String> measures() {
        return measures;
    }

    public List<String> kinds() {
        return kinds;
    }

    public Severity minSeverity() {
        return minSeverity;
    }

    public boolean active() {
        return active;
    }

    public String disabledReason() {
        return disabledReason;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The key an organisation file names this receiver by. */
    public String slug() {
        return slug;
    }

    /** Gives the receiver the key an organisation file names it by. */
    public void rekey(String key) {
        this.slug = key;
    }

    /** Records which settings came from a file's {@code ${VARIABLE}} (field name to variable name). */
    public void referTo(Map<String, String> refs) {
        this.secretRefs = Map.copyOf(refs);
    }

    /** Which settings came from a file's {@code ${VARIABLE}}: field name to variable name. */
    public Map<String, String> secretRefs() {
        return secretRefs;
    }

    /**
     * Redefines the receiver from an organisation file, keeping its id, kind, delivery log and (for a webhook) its
     * signing secret; {@code secret} replaces a PagerDuty routing key when not null. A disabled one is enabled.
     */
    @SuppressWarnings("java:S107")
    public void redefine(String url, String secret, SecretCipher cipher, String description, AlertSelector filters,
                         Duration repeatInterval, boolean routeOnly, boolean holdDownstream,
                         Map<String, String> refs) {
        this.url = url;
        if (secret != null) {
            this.secretCiphertext = cipher.encrypt(secret, id);
            this.plainSecret = null;
        }
        this.description = description;
        this.drivers = List.copyOf(filters.drivers());
        this.functions = List.copyOf(filters.functions());
        this.measures = List.copyOf(filters.measures());
        this.kinds = List.copyOf(filters.kinds());
        this.minSeverity = filters.minSeverity();
        repeatEvery(repeatInterval);
        this.routeOnly = routeOnly;
        this.holdDownstream = holdDownstream;
        this.secretRefs = Map.copyOf(refs);
        enable();
    }
}
