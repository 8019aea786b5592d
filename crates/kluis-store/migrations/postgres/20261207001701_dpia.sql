-- DPIA (Art. 35): screenings of processing activities, the assessments themselves and their saved versions.
-- `dpia_screenings` keeps every screening of an activity as its own row (the domain's ScreeningRecord as JSON,
-- its outcome as columns for lists and checks), so the history of the decision is kept. `dpias` holds each DPIA
-- at its current version (the domain's Dpia as JSON, with title, validation status and review date as columns);
-- every save appends the whole DPIA to `dpia_versions`.

CREATE TABLE dpia_screenings (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    activity_id  TEXT NOT NULL REFERENCES register_activities(id) ON DELETE CASCADE,
    -- kluis_domain::dpia::screening::ScreeningRecord as JSON.
    record       TEXT NOT NULL,
    -- `required`, `not_required_justified` or `not_required`.
    outcome      TEXT NOT NULL,
    required     BIGINT NOT NULL,
    -- How many WP248 criteria were met.
    criteria     BIGINT NOT NULL,
    screened_on  TEXT NOT NULL,
    -- A user id, or `cli`.
    actor        TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX dpia_screenings_activity ON dpia_screenings(org_id, activity_id, at);

CREATE TABLE dpias (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- The processing activity assessed, if linked; a deleted draft activity leaves the DPIA unlinked.
    activity_id  TEXT REFERENCES register_activities(id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    -- kluis_domain::dpia::assessment::ValidationStatus.
    status       TEXT NOT NULL,
    -- The whole DPIA (kluis_domain::dpia::assessment::Dpia) at its current version, as JSON.
    body         TEXT NOT NULL,
    version      BIGINT NOT NULL,
    -- ISO date of the next review, if set (the compliance check reads it).
    review_on    TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX dpias_org ON dpias(org_id, updated_at);
CREATE INDEX dpias_activity ON dpias(org_id, activity_id);

CREATE TABLE dpia_versions (
    org_id   TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    dpia_id  TEXT NOT NULL REFERENCES dpias(id) ON DELETE CASCADE,
    version  BIGINT NOT NULL,
    body     TEXT NOT NULL,
    -- What the save was (the part edited, an import, a validation).
    note     TEXT NOT NULL,
    actor    TEXT NOT NULL,
    at       BIGINT NOT NULL,
    PRIMARY KEY (dpia_id, version)
);
CREATE INDEX dpia_versions_org ON dpia_versions(org_id, dpia_id);
