-- Personal-data breaches (Art. 33(5)): one row per incident with the columns lists, the dashboard's 72-hour clock
-- and the compliance check filter on (awareness, deadline, decision, notifications); everything else the
-- organisation writes about it (summary, cause, measures, rationale, the reporter) is one encrypted JSON value,
-- with the organisation, table, column and row in the AAD, since free text about an incident can name people.
-- The people and documents affected are rows of their own, so counts are SQL over indexes: a hand correction is
-- a row with `excluded = 1`, which no later selection overrides. No foreign keys to relations or documents, so a
-- backup loads in any order; the application removes a relation's or document's rows with it.
CREATE TABLE breaches (
    id                     TEXT PRIMARY KEY,
    org_id                 TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    number                 INTEGER NOT NULL,
    origin                 TEXT NOT NULL,
    recipient_id           TEXT,
    aware_at               INTEGER NOT NULL,
    deadline_at            INTEGER NOT NULL,
    risk                   TEXT,
    decided_at             INTEGER,
    notify_authority       INTEGER NOT NULL DEFAULT 0,
    notify_people          INTEGER NOT NULL DEFAULT 0,
    people_exception       TEXT,
    authority_notified_at  INTEGER,
    people_told_at         INTEGER,
    closed_at              INTEGER,
    detail_enc             BLOB NOT NULL,
    created_by             TEXT NOT NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    version                INTEGER NOT NULL
);
CREATE UNIQUE INDEX breaches_number ON breaches (org_id, number);
CREATE INDEX breaches_open ON breaches (org_id, closed_at, deadline_at);

-- The breach's own timeline: what happened and what was done, when and by whom; the note is encrypted.
CREATE TABLE breach_events (
    org_id     TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    breach_id  TEXT NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    actor      TEXT,
    note_enc   BLOB,
    PRIMARY KEY (breach_id, seq)
);
CREATE INDEX breach_events_org ON breach_events (org_id, breach_id);

CREATE TABLE breach_relations (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    breach_id    TEXT NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    relation_id  TEXT NOT NULL,
    source       TEXT NOT NULL,
    excluded     INTEGER NOT NULL DEFAULT 0,
    added_at     INTEGER NOT NULL,
    PRIMARY KEY (breach_id, relation_id)
);
CREATE INDEX breach_relations_relation ON breach_relations (org_id, relation_id);

CREATE TABLE breach_documents (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    breach_id    TEXT NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    document_id  TEXT NOT NULL,
    source       TEXT NOT NULL,
    excluded     INTEGER NOT NULL DEFAULT 0,
    added_at     INTEGER NOT NULL,
    PRIMARY KEY (breach_id, document_id)
);
CREATE INDEX breach_documents_document ON breach_documents (org_id, document_id);

-- Notifications to the authority in phases (Art. 33(4)), with the authority's reference once known.
CREATE TABLE breach_notifications (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    breach_id    TEXT NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    phase        TEXT NOT NULL,
    sent_at      INTEGER NOT NULL,
    reference    TEXT,
    recorded_by  TEXT NOT NULL,
    PRIMARY KEY (breach_id, seq)
);
