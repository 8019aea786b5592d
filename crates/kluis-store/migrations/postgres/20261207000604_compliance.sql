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

-- The inventory counts documents per entity type of their findings; this index answers that grouped count
-- without reading the findings table itself.
CREATE INDEX document_findings_org_entity ON document_findings(org_id, entity_type, document_id);
