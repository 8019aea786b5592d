-- Published privacy statements (Arts. 12-14): one row per version and language, kept as published, because consent
-- records point at the version a person was shown and old versions must stay retrievable.
CREATE TABLE privacy_statements (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    lang          TEXT NOT NULL,
    html          TEXT NOT NULL,
    markdown      TEXT NOT NULL,
    content_json  TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  BIGINT NOT NULL,
    UNIQUE (org_id, version, lang)
);
