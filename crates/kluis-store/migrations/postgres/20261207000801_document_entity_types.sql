-- Each document's distinct entity types (comma-separated, sorted), written with its scan, so the inventory is a
-- grouped count over documents without reading their findings. NULL: not scanned, or loaded from an older backup
-- (the load fills it in from the findings). Existing documents are filled in here.
ALTER TABLE documents ADD COLUMN entity_types TEXT;
UPDATE documents d SET entity_types = COALESCE((SELECT string_agg(DISTINCT f.entity_type, ',' ORDER BY f.entity_type)
    FROM document_findings f WHERE f.org_id = d.org_id AND f.document_id = d.id), '');
-- The inventory's grouped count reads this index alone, in its order: no table rows, no sort.
CREATE INDEX documents_inventory ON documents(org_id, entity_types, special_categories, categories_override, class,
    class_override, parent_id);
