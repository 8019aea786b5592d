-- The retention sweep pages through an organisation's relations and documents by id (`id > $after ORDER BY id`).
-- Without these the planner took another (org_id, …) index and sorted every remaining row for each page, so a
-- sweep over 50,000 relations took 9 s; with them each page is a range seek.
CREATE INDEX relations_org_id ON relations(org_id, id);
CREATE INDEX documents_org_id ON documents(org_id, id);
