-- Display names are personal data: from now on they are stored encrypted in display_name_enc (AAD: global scope,
-- users.display_name_enc) and display_name stays empty. Rows written before this migration keep their clear name
-- until the application encrypts them at its next start (App::open), so existing data stays readable.

ALTER TABLE users ADD COLUMN display_name_enc BYTEA;
