-- Definitions as code: receivers (subscriptions), escalation policies and silences get a stable key (a slug), the
-- identity an organisation file plans, applies and prunes them by. Existing rows get a generated one.
ALTER TABLE subscription ADD COLUMN slug VARCHAR(64);
UPDATE subscription SET slug = lower(receiver) || '-' || substr(replace(CAST(id AS TEXT), '-', ''), 1, 12);
ALTER TABLE subscription ALTER COLUMN slug SET NOT NULL;
-- a disabled receiver keeps its key: a file that names it again enables it
CREATE UNIQUE INDEX subscription_slug ON subscription (slug);
-- which settings came from an organisation file gave as a VARIABLE reference, by field: export writes the reference, not the value
ALTER TABLE subscription ADD COLUMN secret_refs TEXT NOT NULL DEFAULT '{}';

ALTER TABLE escalation_policy ADD COLUMN slug VARCHAR(64);
UPDATE escalation_policy SET slug = 'policy-' || substr(replace(CAST(id AS TEXT), '-', ''), 1, 12);
ALTER TABLE escalation_policy ALTER COLUMN slug SET NOT NULL;
CREATE UNIQUE INDEX escalation_policy_slug ON escalation_policy (slug);

ALTER TABLE silence ADD COLUMN slug VARCHAR(64);
UPDATE silence SET slug = 'silence-' || substr(replace(CAST(id AS TEXT), '-', ''), 1, 12);
ALTER TABLE silence ALTER COLUMN slug SET NOT NULL;
-- a silence never changes: a file that changes one ends it and starts a new one under the same key
CREATE UNIQUE INDEX silence_slug_in_force ON silence (slug) WHERE ended_at IS NULL;
