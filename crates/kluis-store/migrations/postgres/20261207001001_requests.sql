-- Data-subject requests (Arts. 12, 15-18, 20, 21): one row per request with its deadline, and one row per step
-- taken. The requester's name and contact and the step details (verification note, reasons) are encrypted, with
-- the organisation, table, column and row in the AAD; the history holds keys only, never personal values.
-- relation_id points at the relations module's table once it exists (no foreign key yet, on purpose).
CREATE TABLE requests (
    id                     TEXT PRIMARY KEY,
    org_id                 TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind                   TEXT NOT NULL,
    channel                TEXT NOT NULL,
    status                 TEXT NOT NULL,
    received_at            BIGINT NOT NULL,
    received_on            TEXT NOT NULL,
    due_on                 TEXT NOT NULL,
    extended               BIGINT NOT NULL DEFAULT 0,
    closed_at              BIGINT,
    relation_id            TEXT,
    requester_name_enc     BYTEA NOT NULL,
    requester_contact_enc  BYTEA NOT NULL,
    detail_enc             BYTEA NOT NULL,
    created_by             TEXT NOT NULL,
    version                BIGINT NOT NULL
);
CREATE INDEX requests_by_due ON requests (org_id, closed_at, due_on);

CREATE TABLE request_transitions (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    request_id   TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    seq          BIGINT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason_key   TEXT,
    actor        TEXT,
    at           BIGINT NOT NULL,
    PRIMARY KEY (request_id, seq)
);
CREATE INDEX request_transitions_by_org ON request_transitions (org_id, request_id);
