-- The retention engine (issue 15.6). `relation_events` holds the start events of a relation that cannot be
-- derived (the date of capture is `relations.created_at`, the last activity defaults to `relations.updated_at`,
-- the end of the financial year to the end of the year the relationship ended): ISO dates (`YYYY-MM-DD`, which
-- sort as dates), indexed so the daily sweep finds what may be due with SQL over these columns, never a scan
-- that decrypts. A relation without a row has no ended relationship yet.
CREATE TABLE relation_events (
    relation_id          TEXT PRIMARY KEY REFERENCES relations(id) ON DELETE CASCADE,
    org_id               TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    ended_on             TEXT,
    employment_ended_on  TEXT,
    last_activity_on     TEXT,
    fiscal_year_end_on   TEXT,
    withdrawn_on         TEXT,
    restricted_at        INTEGER,
    anonymised_at        INTEGER,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX relation_events_ended ON relation_events(org_id, ended_on);
CREATE INDEX relation_events_employment ON relation_events(org_id, employment_ended_on);
CREATE INDEX relation_events_fiscal ON relation_events(org_id, fiscal_year_end_on);

-- Legal holds on a relation or a document, with their history: a row is never deleted; lifting fills the
-- lifted_* columns. Reasons are free text, so encrypted (AAD: org id, `retention_holds`, `<column>/<hold id>`).
-- No foreign key on the target: the history outlives a record deleted after its hold was lifted.
CREATE TABLE retention_holds (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    target_type      TEXT NOT NULL,
    target_id        TEXT NOT NULL,
    placed_at        INTEGER NOT NULL,
    placed_by        TEXT NOT NULL,
    reason_enc       BLOB NOT NULL,
    lifted_at        INTEGER,
    lifted_by        TEXT,
    lift_reason_enc  BLOB
);
CREATE INDEX retention_holds_target ON retention_holds(org_id, target_id, lifted_at);

-- The organisation's retention settings: four-eyes approval of a deletion run.
CREATE TABLE retention_settings (
    org_id      TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    four_eyes   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
);

-- A deletion run: the review list proposed (by a member or the daily job), approved, carried out. Its items are
-- the certificate: record id, kind or class, the rule (activity, legal reference, period, start event) and the
-- dates; never a personal value. `job_key` makes the daily job's proposal once per organisation and day.
CREATE TABLE retention_runs (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    created_on      TEXT NOT NULL,
    job_key         TEXT,
    proposed_by     TEXT NOT NULL,
    proposed_at     INTEGER NOT NULL,
    approved_by     TEXT,
    approved_at     INTEGER,
    carried_out_by  TEXT,
    carried_out_at  INTEGER,
    item_count      INTEGER NOT NULL
);
CREATE INDEX retention_runs_org ON retention_runs(org_id, proposed_at);
CREATE UNIQUE INDEX retention_runs_job_key ON retention_runs(org_id, job_key);

CREATE TABLE retention_run_items (
    org_id           TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    run_id           TEXT NOT NULL REFERENCES retention_runs(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    target_type      TEXT NOT NULL,
    target_id        TEXT NOT NULL,
    record_kind      TEXT NOT NULL,
    action           TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    activity_name    TEXT NOT NULL,
    legal_reference  TEXT NOT NULL,
    period_amount    INTEGER NOT NULL,
    period_unit      TEXT NOT NULL,
    starts           TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    outcome          TEXT,
    done_at          INTEGER,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX retention_run_items_org ON retention_run_items(org_id, run_id);
