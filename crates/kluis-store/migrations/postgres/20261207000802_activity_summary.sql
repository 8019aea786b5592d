-- The register page lists 200 activities per view: it reads each activity's lawful basis and number of data
-- categories from these columns, written with every save, instead of every activity's whole JSON version. NULL
-- only for rows loaded from an older backup (the load fills them in). Existing activities are filled in here.
ALTER TABLE register_activities ADD COLUMN lawful_basis TEXT;
ALTER TABLE register_activities ADD COLUMN category_count BIGINT;
UPDATE register_activities a SET
    lawful_basis = (SELECT v.body::jsonb ->> 'lawful_basis' FROM register_activity_versions v
        WHERE v.activity_id = a.id AND v.version = a.version),
    category_count = COALESCE((SELECT jsonb_array_length(COALESCE(v.body::jsonb -> 'categories', '[]'::jsonb))
        FROM register_activity_versions v WHERE v.activity_id = a.id AND v.version = a.version), 0);
