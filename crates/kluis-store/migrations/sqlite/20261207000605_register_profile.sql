-- The organisation profile of the register (sqlite): every save is a new version (JSON body of the domain's
-- OrgProfile, the names of the fields it changed, who and when), so the profile as it stood on any date can be
-- read back. The current profile is the highest version.
CREATE TABLE register_profile_versions (
    org_id     TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    -- JSON array of changed field names.
    changed    TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at_ms      INTEGER NOT NULL,
    PRIMARY KEY (org_id, version)
);
CREATE INDEX register_profile_versions_at ON register_profile_versions(org_id, at_ms);

-- Reviews of the register: one open row (completed_on NULL) holds the next scheduled review; signed-off rows are
-- kept as evidence. Dates are ISO calendar dates (YYYY-MM-DD), which sort as text.
CREATE TABLE register_reviews (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    scheduled_for  TEXT,
    completed_on   TEXT,
    -- The member (user id) who signed the review off.
    signed_off_by  TEXT,
    signed_at_ms   INTEGER,
    -- JSON: the checklist's answers (each item yes/no with a note).
    checklist      TEXT,
    notes          TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL
);
CREATE INDEX register_reviews_org ON register_reviews(org_id, completed_on);

-- How often the organisation reviews its register, in months (absent: 12).
CREATE TABLE register_review_settings (
    org_id           TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    interval_months  INTEGER NOT NULL
);
