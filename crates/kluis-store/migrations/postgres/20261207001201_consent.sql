-- Consent (Arts. 7, 8, 21): append-only records per relation and purpose, the direct-marketing suppression list,
-- and the log of every letter Kluis sent or handed over to send by hand.
--
-- consent_records: never updated; a withdrawal is a new row. `seq` orders records of one relation as appended
-- (the domain breaks ties of `at` by it). The proof (free text: a call note, a form reference, the opt-in token's
-- digest) is encrypted (AAD: org id, `consent_records`, `proof_enc/<id>`). The records go with the relation when it
-- is erased (ON DELETE CASCADE): consent is proof about a person, kept for as long as the person is.
CREATE TABLE consent_records (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id        TEXT NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    seq                BIGINT NOT NULL,
    purpose            TEXT NOT NULL,
    action             TEXT NOT NULL,
    at                 BIGINT NOT NULL,
    channel            TEXT NOT NULL,
    statement_version  TEXT NOT NULL,
    recorded_by        TEXT NOT NULL,
    parental           BIGINT NOT NULL,
    double_opt_in      BIGINT NOT NULL,
    confirms           TEXT,
    proof_enc          BYTEA NOT NULL
);
CREATE INDEX consent_records_relation ON consent_records (org_id, relation_id, seq);
CREATE INDEX consent_records_purpose ON consent_records (org_id, purpose, relation_id);

-- The direct-marketing suppression list (Art. 21(3)): permanent. It outlives an erasure of the relation, but then
-- holds no personal data in clear: `relation_id` is cleared (ON DELETE SET NULL) and only the keyed blind index of
-- the e-mail address stays (the same index relation values carry), so a later import of the same address is
-- still suppressed and nobody can read the address back from the list.
CREATE TABLE marketing_suppressions (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id  TEXT REFERENCES relations(id) ON DELETE SET NULL,
    email_index  TEXT,
    at           BIGINT NOT NULL,
    channel      TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX marketing_suppressions_relation ON marketing_suppressions (org_id, relation_id);
CREATE INDEX marketing_suppressions_email ON marketing_suppressions (org_id, email_index);

-- Every letter: to whom (encrypted, AAD `recipient_enc/<id>`), which template, when, about which relation or
-- request, and how it went (`sent` through SMTP, `manual` when no SMTP server is configured and the letter was
-- handed over to print or send by hand, `failed` when the server refused it). The letter itself is kept only
-- for manual and failed ones (encrypted, AAD `message_enc/<id>`), so it can be shown again to send by hand. A
-- relation's letters go with the relation.
CREATE TABLE mail_log (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id    TEXT REFERENCES relations(id) ON DELETE CASCADE,
    request_id     TEXT,
    template       TEXT NOT NULL,
    at             BIGINT NOT NULL,
    delivery       TEXT NOT NULL,
    recipient_enc  BYTEA NOT NULL,
    message_enc    BYTEA,
    sent_by        TEXT NOT NULL
);
CREATE INDEX mail_log_at ON mail_log (org_id, at);
CREATE INDEX mail_log_relation ON mail_log (org_id, relation_id);
