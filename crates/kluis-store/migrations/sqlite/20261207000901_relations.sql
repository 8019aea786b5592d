-- Relations: the persons and companies an organisation deals with (customers, prospects, employees, job
-- applicants, suppliers' contacts). `party` and `kind` are vocabulary keys; a business contact is a person whose
-- `company_id` names a company relation of the same organisation (checked by the application: no foreign key, so
-- a backup loads its rows in any order). `version` counts the changes.
CREATE TABLE relations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    party       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    company_id  TEXT,
    version     INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX relations_org_created ON relations(org_id, created_at, id);
CREATE INDEX relations_org_company ON relations(org_id, company_id);

-- One row per field a relation holds. Every value is encrypted (AAD: org id, `relation_values`,
-- `value_enc/<relation id>/<field>`); fields with a scanner entity type carry the blind index of the normalised
-- value (purpose = entity type, the same index the documents' findings carry), so search and matching are exact
-- lookups on `value_index`, never a scan that decrypts.
CREATE TABLE relation_values (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id  TEXT NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    field        TEXT NOT NULL,
    value_enc    BLOB NOT NULL,
    value_index  TEXT,
    PRIMARY KEY (relation_id, field)
);
CREATE INDEX relation_values_index ON relation_values(org_id, value_index);
CREATE INDEX relation_values_org ON relation_values(org_id, relation_id);
-- The inventory counts the relations holding each category: a covering index per field.
CREATE INDEX relation_values_field ON relation_values(org_id, field, relation_id);

-- Tags of a relation: encrypted (AAD: org id, `relation_tags`, `tag_enc/<relation id>/<tag index>`), with the
-- blind index of the lower-cased tag (purpose `relation_tag`), so a relation holds a tag once and the list can be
-- filtered by a tag without decrypting.
CREATE TABLE relation_tags (
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id  TEXT NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    tag_index    TEXT NOT NULL,
    tag_enc      BLOB NOT NULL,
    PRIMARY KEY (relation_id, tag_index)
);
CREATE INDEX relation_tags_index ON relation_tags(org_id, tag_index);

-- Notes on a relation, append-only, each encrypted (AAD: org id, `relation_notes`, `body_enc/<note id>`).
CREATE TABLE relation_notes (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    relation_id  TEXT NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    body_enc     BLOB NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX relation_notes_relation ON relation_notes(org_id, relation_id, created_at);
