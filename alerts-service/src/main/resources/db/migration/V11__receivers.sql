-- Receivers: a subscription notifies a Standard Webhook (as before), Slack, Teams, PagerDuty, an Alertmanager or
-- e-mail recipients, with a template of its own or the kind's default (null parts).
ALTER TABLE subscription ADD COLUMN receiver VARCHAR(20) NOT NULL DEFAULT 'WEBHOOK';
ALTER TABLE subscription ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
ALTER TABLE subscription ADD COLUMN title_template VARCHAR(500);
ALTER TABLE subscription ADD COLUMN text_template VARCHAR(4000);
-- an e-mail receiver has no URL, and PagerDuty's is the public Events API unless one is named
ALTER TABLE subscription ALTER COLUMN url DROP NOT NULL;
ALTER TABLE subscription ADD CONSTRAINT subscription_url_present CHECK (receiver IN ('EMAIL', 'PAGERDUTY') OR url IS NOT NULL);
-- a webhook's signing secret and a PagerDuty routing key share the encrypted column; the other kinds have none
ALTER TABLE subscription DROP CONSTRAINT subscription_secret_present;
ALTER TABLE subscription ADD CONSTRAINT subscription_secret_present
    CHECK (receiver NOT IN ('WEBHOOK', 'PAGERDUTY') OR plain_secret IS NOT NULL OR secret_ciphertext IS NOT NULL);
