-- The register page lists 200 activities per view: it reads each activity's lawful basis and number of data
-- categories from these columns, written with every save, instead of every activity's whole JSON version. NULL
-- only for rows loaded from an older backup (the load fills them in). Existing activities are filled in here.
ALTER TABLE register_activities ADD COLUMN lawful_basis TEXT;
ALTER TABLE register_activities ADD COLUMN category_count INTEGER;
UPDATE register_activities SET
    lawful_basis = (SELECT json_extract(v.body, '$.lawful_basis') FROM register_activity_versions v
        WHERE v.activity_id = register_activities.id AND v.version = register_activities.version),
    category_count = COALESCE((SELECT json_array_length(v.body, '$.categories') FROM register_activity_versions v
        WHERE v.activity_id = register_activities.id AND v.version = register_activities.version), 0);
