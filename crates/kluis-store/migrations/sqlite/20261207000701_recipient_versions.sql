-- Versions of recipients and their processing agreements (sqlite), like the activities' versions: every create,
-- change and deletion appends the whole stored record as JSON with the names of the fields it changed, who and
-- when. The register as it stood on a past date reads these rows, so a recipient changed or deleted since still
-- shows as it was. There is no reference to the live tables: versions outlive the rows they describe.
CREATE TABLE register_recipient_versions (
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- 'recipient' or 'agreement'.
    kind          TEXT NOT NULL,
    -- The recipient's or the agreement's id.
    item_id       TEXT NOT NULL,
    -- The recipient the item belongs to (its own id for a recipient).
    recipient_id  TEXT NOT NULL,
    version       INTEGER NOT NULL,
    -- 'create', 'update' or 'delete'; a deletion keeps the last record in body.
    event         TEXT NOT NULL,
    -- kluis_domain::register::Recipient (without agreements) or ProcessingAgreement as JSON.
    body          TEXT NOT NULL,
    -- JSON array of the names of the fields this version changed.
    changed       TEXT NOT NULL,
    -- A user id, or a system name such as `cli` or `migration`.
    actor         TEXT NOT NULL,
    at            INTEGER NOT NULL,
    PRIMARY KEY (item_id, version)
);
CREATE INDEX register_recipient_versions_recipient ON register_recipient_versions(org_id, recipient_id, at);
CREATE INDEX register_recipient_versions_at ON register_recipient_versions(org_id, kind, at);

-- What exists already becomes its first known version, dated by its last change: the history starts here.
INSERT INTO register_recipient_versions (org_id, kind, item_id, recipient_id, version, event, body, changed, actor, at)
    SELECT org_id, 'recipient', id, id, version, CASE WHEN version = 1 THEN 'create' ELSE 'update' END, body, '[]',
           'migration', updated_at
    FROM register_recipients;
INSERT INTO register_recipient_versions (org_id, kind, item_id, recipient_id, version, event, body, changed, actor, at)
    SELECT org_id, 'agreement', id, recipient_id, 1, 'create',
           json_object('id', id, 'document_id', document_id, 'signed_on', signed_on, 'expires_on', expires_on,
           'review_on', review_on, 'checklist', json(checklist), 'sub_processor_authorisation', authorisation,
           'notes', notes),
           '[]', 'migration', updated_at
    FROM register_agreements;
