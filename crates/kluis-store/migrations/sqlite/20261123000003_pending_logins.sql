-- Half-open logins: the password was right, the TOTP code is still to come. The browser holds a random token in
-- an HttpOnly cookie; only its digest is stored. Short-lived, single-use, and given up after too many wrong codes.

CREATE TABLE pending_logins (
    id_digest   TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    failures    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pending_logins_expires ON pending_logins(expires_at);
