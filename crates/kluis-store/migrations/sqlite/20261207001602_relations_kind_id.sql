-- The retention sweep pages through one kind of relation at a time (each kind its own cut-off dates), by id.
CREATE INDEX relations_org_kind_id ON relations(org_id, kind, id);
