package io.topline.alerts.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.digest.Digest;
import io.topline.alerts.grouping.NotificationGroups;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a delivery's stored Standard Webhooks payload into what its receiver takes: the payload itself for a webhook,
 * a Block Kit message, an Adaptive Card message, a PagerDuty event, Alertmanager alerts, or an e-mail. Rendered at
 * each attempt, so that the delivery row keeps one payload for its log, retries and replays whatever the kind, and a
 * PagerDuty routing key is never stored outside its encrypted column.
 */
@ApplicationScoped
public class ReceiverMessages {

    private static final Logger LOG = Logger.getLogger(ReceiverMessages.class);

    private final ObjectMapper mapper;
    private final TemplateRenderer templates;
    private final ReceiverConfig config;

    public ReceiverMessages(ObjectMapper mapper, TemplateRenderer templates, ReceiverConfig config) {
        this.mapper = mapper;
        this.templates = templates;
        this.config = config;
    }

    /**
     * The message for one attempt. A template that fails on this alert (it passed the check on a sample) falls back to
     * the kind's default, so that the alert still reaches the receiver.
     *
     * @param url        the subscription's URL (an Alertmanager's base URL); null for e-mail
     * @param credential the PagerDuty routing key; ignored by the other kinds
     */
    public OutgoingMessage render(ReceiverSettings receiver, String url, String credential, String payload) {
        if (receiver.kind() == ReceiverKind.WEBHOOK) {
            return OutgoingMessage.post(url, payload);
        }
        JsonNode body = read(payload);
        String type = body.path("type").asText();
        if (NotificationGroups.GROUP_TYPE.equals(type)) {
            return list(receiver, url, ListMessages.group(body.path("data"),
                    member -> notice(receiver, member, false), consolePage("/console/inbox")));
        }
        if (Digest.TYPE.equals(type)) {
            return list(receiver, url, ListMessages.digest(body.path("data"), this::consolePage));
        }
        return message(receiver, url, credential, notice(receiver, body, false));
    }

    /** A list message for the kinds people read; PagerDuty and Alertmanager take one alert per event. */
    private OutgoingMessage list(ReceiverSettings receiver, String url, NoticeList list) {
        return switch (receiver.kind()) {
            case SLACK -> OutgoingMessage.post(url, json(SlackMessage.of(list, mapper)));
            case TEAMS -> OutgoingMessage.post(url, json(TeamsMessage.of(list, mapper)));
            case EMAIL -> OutgoingMessage.mail(receiver.recipients(), Texts.oneLine(list.title()), list.plainText());
            default -> throw new IllegalArgumentException("a " + receiver.kind() + " receiver takes one alert per "
                    + "message, not a list");
        };
    }

    /**
     * The message a receiver would get for the payload, or the problem of its template: the preview an admin looks at
     * before saving a template.
     */
    public Preview preview(ReceiverSettings receiver, String url, String payload) {
        AlertNotice notice;
        try {
            notice = notice(receiver, read(payload), true);
        } catch (TemplateFailure e) {
            return new Preview(null, null, null, e.part, e.getMessage());
        }
        OutgoingMessage message = receiver.kind() == ReceiverKind.WEBHOOK ? OutgoingMessage.post(url, payload)
                : message(receiver, url, "<routing key>", notice);
        return new Preview(notice, message, pretty(message.body(), receiver.kind()), null, null);
    }

    private OutgoingMessage message(ReceiverSettings receiver, String url, String credential, AlertNotice notice) {
        return switch (receiver.kind()) {
            case SLACK -> OutgoingMessage.post(url, json(SlackMessage.of(notice, mapper)));
            case TEAMS -> OutgoingMessage.post(url, json(TeamsMessage.of(notice, mapper)));
            case PAGERDUTY -> OutgoingMessage.post(url == null ? config.pagerdutyEventsUrl() : url,
                    json(PagerDutyEvent.of(notice, credential, mapper)));
            case ALERTMANAGER -> OutgoingMessage.post(AlertmanagerAlerts.endpoint(url),
                    json(AlertmanagerAlerts.of(notice, mapper)));
            case EMAIL -> OutgoingMessage.mail(receiver.recipients(), Texts.oneLine(notice.title()),
                    notice.text());
            case WEBHOOK -> throw new IllegalArgumentException("a webhook sends its payload as it is");
        };
    }

    private AlertNotice notice(ReceiverSettings receiver, JsonNode body, boolean strict) {
        String type = body.path("type").asText();
        JsonNode data = body.path("data");
        String link = link(data.path("alertId").asText());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("alert", mapper.convertValue(data, Map.class));
        model.put("type", type);
        model.put("event", AlertNotice.event(type));
        model.put("link", link);
        MessageTemplate defaults = DefaultTemplates.of(receiver.kind());
        String title = part("title", receiver.template().title(), defaults.title(), model, strict, false);
        // Slack's section text is mrkdwn
        boolean mrkdwn = receiver.kind() == ReceiverKind.SLACK;
        String text = part("text", receiver.template().text(), defaults.text(), model, strict, mrkdwn);
        return new AlertNotice(type, body.path("timestamp").asText(), data, title, text, link);
    }

    private String part(String name, String template, String fallback, Map<String, Object> model, boolean strict,
                        boolean mrkdwn) {
        TemplateRenderer.Rendering rendering = mrkdwn ? templates.renderMrkdwn(template, model)
                : templates.render(template, model);
        if (rendering.failure().isEmpty()) {
            return rendering.output();
        }
        if (strict) {
            throw new TemplateFailure(name, rendering.error());
        }
        LOG.warnf("The %s template failed (%s); the default is used instead", name, rendering.error());
        return (mrkdwn ? templates.renderMrkdwn(fallback, model) : templates.render(fallback, model)).output();
    }

    /** The alert in the console. */
    public String link(String alertId) {
        return consolePage("/console/inbox/" + alertId);
    }

    /** A page of the console, by its path. */
    String consolePage(String path) {
        String base = config.consoleBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private JsonNode read(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored delivery payload is not JSON", e);
        }
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receiver message cannot be serialized", e);
        }
    }

    private String pretty(String body, ReceiverKind kind) {
        if (kind == ReceiverKind.EMAIL) {
            return body;
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /**
     * A preview: the notice and the message, with the body pretty-printed; or the template part that failed
     * ({@code title} or {@code text}) and why.
     */
    public record Preview(AlertNotice notice, OutgoingMessage message, String body, String failedPart, String error) {
    }

    private static final class TemplateFailure extends RuntimeException {
        private final String part;

        TemplateFailure(String part, String message) {
            super(message);
            this.part = part;
        }
    }
}
