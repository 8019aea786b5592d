-- Kluis initial schema (SQLite). Types are restricted to what the sqlx `Any` driver maps identically on both
-- backends: INTEGER (i64), TEXT and BLOB. Ids are TEXT uuids, times unix milliseconds, flags 0/1.

CREATE TABLE orgs (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    -- Head of the audit chain, updated in the same transaction as every append (serialises appends per org).
    audit_seq   INTEGER NOT NULL DEFAULT 0,
    audit_head  TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000'
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    email_enc        BLOB NOT NULL,
    email_index      TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    locale           TEXT NOT NULL,
    totp_secret_enc  BLOB,
    totp_enabled     INTEGER NOT NULL DEFAULT 0,
    totp_last_step   INTEGER,
    created_at       INTEGER NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE memberships (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships(org_id);

CREATE TABLE sessions (
    id_digest       TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    current_org_id  TEXT REFERENCES orgs(id) ON DELETE SET NULL,
    csrf_token      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    ip              TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_digest  TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);

CREATE TABLE login_attempts (
    key  TEXT NOT NULL,
    at   INTEGER NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts(key, at);

CREATE TABLE audit_events (
    org_id     TEXT NOT NULL REFERENCES orgs(id),
    seq        INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    fields     TEXT NOT NULL,
    origin     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);

CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    org_id        TEXT REFERENCES orgs(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    status        TEXT NOT NULL,
    run_at        INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    max_attempts  INTEGER NOT NULL,
    lease_owner   TEXT,
    lease_until   INTEGER,
    last_error    TEXT,
    unique_key    TEXT UNIQUE,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER
);
CREATE INDEX jobs_status_run_at ON jobs(status, run_at);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
