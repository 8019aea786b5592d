-- Imports of customer files (CSV, XLSX) into relations. One row per uploaded file: the stored upload (encrypted in
-- the blob store under `blob_key`, deleted when the import ends), the mapping used (JSON of column headers and
-- targets, no values), the progress the page polls and the result. `next_row` is the resume point: every row
-- before it is committed (or refused), so a job that is interrupted continues after the last committed batch.
-- `problems` holds the first problems (row, column, header, reason key), never a cell's value.
CREATE TABLE relation_imports (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    file_kind    TEXT NOT NULL,
    size         BIGINT NOT NULL,
    blob_key     TEXT,
    status       TEXT NOT NULL,
    dry_run      BIGINT NOT NULL DEFAULT 0,
    mapping      TEXT,
    bytes_read   BIGINT NOT NULL DEFAULT 0,
    rows_read    BIGINT NOT NULL DEFAULT 0,
    next_row     BIGINT NOT NULL DEFAULT 0,
    imported     BIGINT NOT NULL DEFAULT 0,
    skipped      BIGINT NOT NULL DEFAULT 0,
    duplicates   BIGINT NOT NULL DEFAULT 0,
    problems     TEXT NOT NULL DEFAULT '[]',
    error        TEXT,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    finished_at  BIGINT
);
CREATE INDEX relation_imports_org ON relation_imports(org_id, created_at);

-- Mappings remembered per organisation by name: a preset finds its columns again by header (see kluis-import).
CREATE TABLE relation_import_presets (
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, name)
);
