-- Webhook secrets are kept encrypted (AES-GCM under topline.webhooks.secret-encryption-key) in secret_ciphertext.
-- Rows written before this migration keep working from plain_secret until the service's next start with a key
-- encrypts them and clears the plain column; a SQL migration cannot do that itself, as it never sees the key.
ALTER TABLE subscription RENAME COLUMN secret TO plain_secret;
ALTER TABLE subscription ALTER COLUMN plain_secret DROP NOT NULL;
ALTER TABLE subscription ADD COLUMN secret_ciphertext VARCHAR(500);
ALTER TABLE subscription ADD CONSTRAINT subscription_secret_present
    CHECK (plain_secret IS NOT NULL OR secret_ciphertext IS NOT NULL);
