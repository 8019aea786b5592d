-- Documents and the personal data the scanner found in them (PostgreSQL). Same portable types as the initial schema.
-- A container's members (ZIP entries, MBOX messages) are child documents (`parent_id`) without bytes of their own.
-- The scanner's verdict (class, personal_data, special_categories) is replaced on every scan; a user's correction
-- lives in the *_override columns, which a re-scan never touches.

CREATE TABLE documents (
    id                      TEXT PRIMARY KEY,
    org_id                  TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    parent_id               TEXT REFERENCES documents(id) ON DELETE CASCADE,
    name                    TEXT NOT NULL,
    path                    TEXT NOT NULL,
    size                    BIGINT,
    sha256                  TEXT,
    content_type            TEXT NOT NULL,
    format                  TEXT,
    blob_key                TEXT,
    status                  TEXT NOT NULL,
    scan_status             TEXT,
    scan_reason             TEXT,
    class                   TEXT,
    personal_data           TEXT,
    special_categories      TEXT NOT NULL DEFAULT '[]',
    findings_total          BIGINT NOT NULL DEFAULT 0,
    class_override          TEXT,
    personal_data_override  TEXT,
    categories_override     TEXT,
    corrected_by            TEXT,
    corrected_at            BIGINT,
    uploaded_by             TEXT NOT NULL,
    created_at              BIGINT NOT NULL,
    scanned_at              BIGINT
);
CREATE INDEX documents_org_created ON documents(org_id, created_at);
CREATE INDEX documents_parent ON documents(parent_id);

CREATE TABLE document_findings (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_type   TEXT NOT NULL,
    -- Encrypted; AAD: org id, `document_findings`, `value_enc/<finding id>`.
    value_enc     BYTEA NOT NULL,
    value_masked  TEXT NOT NULL,
    -- Blind index of the normalised value, purpose = entity type.
    value_index   TEXT NOT NULL,
    start_offset  BIGINT NOT NULL,
    end_offset    BIGINT NOT NULL,
    -- Confidence in thousandths (0..=1000): the schema has no float columns.
    score_milli   BIGINT NOT NULL,
    location      TEXT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX document_findings_index ON document_findings(org_id, value_index);
CREATE INDEX document_findings_document ON document_findings(document_id);
CREATE INDEX document_findings_org_created ON document_findings(org_id, created_at);
