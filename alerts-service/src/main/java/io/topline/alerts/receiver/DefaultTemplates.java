package io.topline.alerts.receiver;

/** The template each receiver kind uses until an admin changes it. */
public final class DefaultTemplates {

    static final String TITLE = "[{alert.state}] {alert.severity} {alert.kind}: {alert.measure.name} ({alert.period})";
    private static final String TEXT = "{alert.summary}";
    // Slack's mrkdwn: the driver in bold above the summary
    private static final String SLACK_TEXT = "*{alert.driver.name}* ({alert.driver.function}) · {alert.measure.name}\n"
            + "{alert.summary}";
    private static final String EMAIL_TEXT = """
            {alert.summary}

            Driver:   {alert.driver.name} ({alert.driver.function})
            Measure:  {alert.measure.name}
            Period:   {alert.period}
            Actual:   {alert.actual ?: 'no data'}
            State:    {alert.state} ({event})

            Open it in Topline: {link}
            """;

    private DefaultTemplates() {
    }

    public static MessageTemplate of(ReceiverKind kind) {
        return switch (kind) {
            case SLACK -> new MessageTemplate(TITLE, SLACK_TEXT);
            case EMAIL -> new MessageTemplate(TITLE, EMAIL_TEXT);
            default -> new MessageTemplate(TITLE, TEXT);
        };
    }

    /** The template with the kind's default for each part it leaves out. */
    public static MessageTemplate filled(ReceiverKind kind, String title, String text) {
        MessageTemplate defaults = of(kind);
        return new MessageTemplate(title == null ? defaults.title() : title, text == null ? defaults.text() : text);
    }
}
