-- Finding a top-level document by its content hash (kluis import-docs skips content an organisation already holds).
CREATE INDEX documents_org_sha256 ON documents(org_id, sha256);
