-- People's contact routes: the receivers (subscriptions) that reach a person, by the address owners are named with.
CREATE TABLE contact (
    email         VARCHAR(200) PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    subscriptions TEXT         NOT NULL,
    updated_by    VARCHAR(200) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Escalation policies: which alerts (the filters of a subscription) and the ordered steps that reach more people.
CREATE TABLE escalation_policy (
    id           UUID PRIMARY KEY,
    name         VARCHAR(120) NOT NULL,
    drivers      TEXT         NOT NULL,
    functions    TEXT         NOT NULL,
    measures     TEXT         NOT NULL,
    kinds        TEXT         NOT NULL,
    min_severity VARCHAR(10)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE escalation_step (
    policy_id     UUID    NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    after_seconds BIGINT  NOT NULL,
    targets       TEXT    NOT NULL,
    PRIMARY KEY (policy_id, position)
);

-- The steps taken for an alert's firing (its transition sequence): each at most once, whichever replica sweeps.
CREATE TABLE alert_escalation (
    alert_id        UUID    NOT NULL,
    policy_id       UUID    NOT NULL,
    firing_sequence INTEGER NOT NULL,
    step            INTEGER NOT NULL,
    recipients      TEXT    NOT NULL,
    unreached       TEXT    NOT NULL,
    notified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, policy_id, firing_sequence, step)
);
