-- Documents linked to relations (issue 15.2). The matcher links a document to a relation when one of the
-- document's findings has the blind index of one of the relation's identifiers (exact lookups, nothing decrypted);
-- a person confirms, adds or removes links, and their correction wins: the matcher only ever adds suggestions and
-- drops its own unconfirmed ones. A link names the top-level document (a container's members link through it).
-- No foreign keys to documents or relations, so a backup loads its rows in any order; the application deletes a
-- document's or relation's links with it. `entity_types`: the matched kinds, comma-separated, sorted.
CREATE TABLE document_links (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    document_id   TEXT NOT NULL,
    relation_id   TEXT NOT NULL,
    origin        TEXT NOT NULL,
    state         TEXT NOT NULL,
    entity_types  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL
);
CREATE UNIQUE INDEX document_links_pair ON document_links(org_id, document_id, relation_id);
CREATE INDEX document_links_relation ON document_links(org_id, relation_id, state);

-- Match keys a relation has beyond its stored values' blind indexes: the blind index of a person's full name
-- ("given family", entity type `person_name`), which the scanner finds as one value. Rewritten with every save.
CREATE TABLE relation_match_keys (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id  TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    value_index  TEXT NOT NULL,
    PRIMARY KEY (relation_id, entity_type, value_index)
);
CREATE INDEX relation_match_keys_index ON relation_match_keys(org_id, value_index);

-- A relation's timeline reads the audit events about it (and about its links) by target id.
CREATE INDEX audit_events_org_entity_id ON audit_events(org_id, entity_id, seq);
