-- The compliance score history: one row per organisation per day, the last computation of that day winning, so
-- the dashboard can show a trend. Holds counts only, no personal data.
CREATE TABLE compliance_scores (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- ISO date (YYYY-MM-DD, UTC) the score was computed on: sorts as text.
    day          TEXT NOT NULL,
    score        INTEGER NOT NULL,
    low          INTEGER NOT NULL,
    medium       INTEGER NOT NULL,
    high         INTEGER NOT NULL,
    critical     INTEGER NOT NULL,
    computed_at  INTEGER NOT NULL,
    PRIMARY KEY (org_id, day)
);

-- The inventory reads each document's entity types from this index alone, without the findings rows.
CREATE INDEX document_findings_org_document_entity ON document_findings(org_id, document_id, entity_type);
