-- Recipients of personal data (processors, third parties, joint controllers), their processing agreements
-- (Art. 28) and the staff measures on record (confidentiality declarations, privacy training).
-- A recipient's fields live in `body` (the register model's JSON, agreements excluded); `name` and `role` are
-- copied out for listing. `version` counts the changes. Dates are ISO 'YYYY-MM-DD' text: sortable and portable.

CREATE TABLE register_recipients (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    body        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX register_recipients_org ON register_recipients(org_id, name);

-- The signed document is an ordinary document: deleting it leaves the agreement without one.
CREATE TABLE register_agreements (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    recipient_id   TEXT NOT NULL REFERENCES register_recipients(id) ON DELETE CASCADE,
    document_id    TEXT REFERENCES documents(id) ON DELETE SET NULL,
    signed_on      TEXT,
    expires_on     TEXT,
    review_on      TEXT,
    checklist      TEXT NOT NULL,
    authorisation  TEXT,
    notes          TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX register_agreements_recipient ON register_agreements(org_id, recipient_id);

-- Kept when the member leaves: it is evidence of what was done while they were a member.
CREATE TABLE staff_measures (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    subject      TEXT NOT NULL,
    document_id  TEXT REFERENCES documents(id) ON DELETE SET NULL,
    notes        TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX staff_measures_org_user ON staff_measures(org_id, user_id, held_on);
