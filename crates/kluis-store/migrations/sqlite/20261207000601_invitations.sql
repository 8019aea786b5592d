-- Invitations to join an organisation: an owner invites an address with a role and the name the organisation
-- knows the person by; the invitee accepts through a one-time link. Only the digest of the link's token is
-- stored. The address and the typed name are encrypted (AAD bound to organisation, table, column and row); the
-- address's blind index (the same one as users.email_index) lets the acceptance check that the right account
-- accepts without decrypting anything. A row is deleted when the invitation is accepted or revoked.

CREATE TABLE invitations (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    token_digest      TEXT NOT NULL UNIQUE,
    email_index       TEXT NOT NULL,
    email_enc         BLOB NOT NULL,
    display_name_enc  BLOB NOT NULL,
    role              TEXT NOT NULL,
    invited_by        TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX invitations_org_email ON invitations(org_id, email_index);
