-- Processing activities of the register (Art. 30), versioned (PostgreSQL). Same portable types as the initial schema.
-- `register_activities` holds one row per activity with its current version; every save appends the whole
-- activity as JSON to `register_activity_versions` (with the names of the fields it changed, who and when), so
-- the history and the register as it stood on a past date are read from the versions, never reconstructed.

CREATE TABLE register_activities (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX register_activities_org ON register_activities(org_id, name);

CREATE TABLE register_activity_versions (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id  TEXT NOT NULL REFERENCES register_activities(id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    -- The whole activity (kluis_domain::register::ProcessingActivity) as JSON.
    body         TEXT NOT NULL,
    -- JSON array of the names of the fields this version changed.
    changed      TEXT NOT NULL,
    -- A user id, or a system name such as `cli`.
    actor        TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (activity_id, version)
);
CREATE INDEX register_activity_versions_org_at ON register_activity_versions(org_id, at);
