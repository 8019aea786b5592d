//! Columns derived from other stored data (a document's entity types from its findings, an activity's summary
//! from its current version), and the statements that fill them in where they are missing.
//!
//! The writers keep them current; these statements are for rows that predate a column: the migration that added
//! it runs the same statement, and a load of an older backup runs them after its rows are in.

use crate::Backend;

/// Fills in every derived column that is NULL, on `backend`: the statements to run, in order.
pub(crate) fn fill_statements(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &[
            "UPDATE documents SET entity_types = COALESCE((SELECT group_concat(t.entity_type, ',') FROM \
             (SELECT DISTINCT f.entity_type FROM document_findings f WHERE f.org_id = documents.org_id \
             AND f.document_id = documents.id ORDER BY f.entity_type) t), '') WHERE entity_types IS NULL",
            "UPDATE register_activities SET \
             lawful_basis = (SELECT json_extract(v.body, '$.lawful_basis') FROM register_activity_versions v \
             WHERE v.activity_id = register_activities.id AND v.version = register_activities.version), \
             category_count = COALESCE((SELECT json_array_length(v.body, '$.categories') \
             FROM register_activity_versions v WHERE v.activity_id = register_activities.id \
             AND v.version = register_activities.version), 0) WHERE category_count IS NULL",
        ],
        Backend::Postgres => &[
            "UPDATE documents d SET entity_types = COALESCE((SELECT string_agg(DISTINCT f.entity_type, ',' \
             ORDER BY f.entity_type) FROM document_findings f WHERE f.org_id = d.org_id \
             AND f.document_id = d.id), '') WHERE entity_types IS NULL",
            "UPDATE register_activities a SET \
             lawful_basis = (SELECT v.body::jsonb ->> 'lawful_basis' FROM register_activity_versions v \
             WHERE v.activity_id = a.id AND v.version = a.version), \
             category_count = COALESCE((SELECT jsonb_array_length(COALESCE(v.body::jsonb -> 'categories', \
             '[]'::jsonb)) FROM register_activity_versions v WHERE v.activity_id = a.id \
             AND v.version = a.version), 0) WHERE category_count IS NULL",
        ],
    }
}
