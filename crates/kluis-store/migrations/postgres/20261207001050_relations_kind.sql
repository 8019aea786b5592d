-- The compliance check counts, per kind of relation, those holding a field no active activity needs: it starts
-- from the relations of one kind and looks up their values by primary key.
CREATE INDEX relations_org_kind ON relations(org_id, kind, party, id);
