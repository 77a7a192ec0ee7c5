package io.topline.alerts.receiver;

/**
 * What a subscription's notifications are shaped for: signed Standard Webhooks, a Slack incoming webhook (Block Kit), a
 * Microsoft Teams workflow webhook (Adaptive Card), the PagerDuty Events API v2, an Alertmanager's
 * {@code POST /api/v2/alerts}, or e-mail over SMTP.
 */
public enum ReceiverKind {
    WEBHOOK, SLACK, TEAMS, PAGERDUTY, ALERTMANAGER, EMAIL;

    /** Whether notifications are posted to the subscription's URL (all but e-mail). */
    public boolean posts() {
        return this != EMAIL;
    }
}
