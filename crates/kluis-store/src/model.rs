//! Row types as stored: encrypted columns stay bytes here; decrypting is the application's job.

use kluis_domain::Role;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{OrgScope, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub created_at: i64,
}

impl OrgRow {
    pub(crate) fn from_row(row: &AnyRow) -> Result<OrgRow> {
        Ok(OrgRow {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            name: row.try_get("name")?,
            created_at: row.try_get("created_at")?,
        })
    }
}

/// A user account. Users are global; memberships tie them to organisations.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    /// The e-mail address, encrypted (AAD: global scope, `users`.`email_enc`).
    pub email_enc: Vec<u8>,
    /// Blind index of the normalised e-mail address, for login lookup.
    pub email_index: String,
    /// The clear display name of a row written before names were encrypted; empty once encrypted.
    pub display_name: String,
    /// The display name, encrypted (AAD: global scope, `users`.`display_name_enc`).
    pub display_name_enc: Option<Vec<u8>>,
    /// PHC string (Argon2id).
    pub password_hash: String,
    pub locale: String,
    pub totp_secret_enc: Option<Vec<u8>>,
    pub totp_enabled: bool,
    /// Last accepted TOTP time step, so a code cannot be replayed.
    pub totp_last_step: Option<i64>,
    pub created_at: i64,
    pub disabled: bool,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print hashes or ciphertexts.
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl UserRow {
    pub(crate) const COLUMNS: &'static str = "u.id, u.email_enc, u.email_index, u.display_name, u.display_name_enc, \
         u.password_hash, u.locale, u.totp_secret_enc, u.totp_enabled, u.totp_last_step, u.created_at, u.disabled";

    pub(crate) fn from_row(row: &AnyRow) -> Result<UserRow> {
        Ok(UserRow {
            id: row.try_get("id")?,
            email_enc: row.try_get("email_enc")?,
            email_index: row.try_get("email_index")?,
            display_name: row.try_get("display_name")?,
            display_name_enc: row.try_get("display_name_enc")?,
            password_hash: row.try_get("password_hash")?,
            locale: row.try_get("locale")?,
            totp_secret_enc: row.try_get("totp_secret_enc")?,
            totp_enabled: row.try_get::<i64, _>("totp_enabled")? != 0,
            totp_last_step: row.try_get("totp_last_step")?,
            created_at: row.try_get("created_at")?,
            disabled: row.try_get::<i64, _>("disabled")? != 0,
        })
    }
}

/// What is needed to create a user.
#[derive(Clone)]
pub struct NewUser {
    pub id: String,
    pub email_enc: Vec<u8>,
    pub email_index: String,
    /// The display name, encrypted like the e-mail address.
    pub display_name_enc: Vec<u8>,
    pub password_hash: String,
    pub locale: String,
    pub created_at: i64,
}

/// A user with their role in one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub user: UserRow,
    pub role: Role,
    pub joined_at: i64,
}

/// The role of the membership row (`user_id`, `org_id`); an unknown role is corrupt data, named with its row.
pub(crate) fn parse_role(s: &str, user_id: &str, org_id: &str) -> Result<Role> {
    s.parse().map_err(|_| {
        StoreError::Corrupt(format!(
            "memberships row (user {user_id}, organisation {org_id}): role '{s}' is not a known role"
        ))
    })
}

/// A stored value of a closed vocabulary (a status, a class, …); anything else is corrupt data, reported with
/// its table, row id, column and value rather than replaced by a default. Vocabulary values are never personal
/// data, so naming them is safe.
pub(crate) fn stored<T: std::str::FromStr>(
    table: &str,
    row_id: &str,
    column: &str,
    value: &str,
) -> Result<T> {
    value.parse().map_err(|_| {
        StoreError::Corrupt(format!(
            "{table} row {row_id}: {column} '{value}' is not a known value"
        ))
    })
}

/// Like [`stored`], for a nullable column.
pub(crate) fn stored_opt<T: std::str::FromStr>(
    table: &str,
    row_id: &str,
    column: &str,
    value: Option<&str>,
) -> Result<Option<T>> {
    value.map(|v| stored(table, row_id, column, v)).transpose()
}

#[derive(Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id_digest: String,
    pub user_id: String,
    pub current_org_id: Option<String>,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ip: String,
}

impl std::fmt::Debug for SessionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRow")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

impl SessionRow {
    pub(crate) const COLUMNS: &'static str =
        "id_digest, user_id, current_org_id, csrf_token, created_at, last_seen_at, expires_at, ip";

    pub(crate) fn from_row(row: &AnyRow) -> Result<SessionRow> {
        Ok(SessionRow {
            id_digest: row.try_get("id_digest")?,
            user_id: row.try_get("user_id")?,
            current_org_id: row.try_get("current_org_id")?,
            csrf_token: row.try_get("csrf_token")?,
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            ip: row.try_get("ip")?,
        })
    }
}

/// What the request path needs of a session: the session, its user, and the user's memberships with their
/// checked scopes (ordered by organisation slug).
pub struct SessionView {
    pub session: SessionRow,
    pub user: UserRow,
    pub memberships: Vec<(OrgScope, OrgRow, Role)>,
}

/// A new session; `id_digest` is the digest of the cookie token, never the token.
#[derive(Clone)]
pub struct NewSession {
    pub id_digest: String,
    pub user_id: String,
    pub current_org_id: Option<String>,
    pub csrf_token: String,
    pub now: i64,
    pub expires_at: i64,
    pub ip: String,
}

/// A login whose password was right and whose TOTP code is still to come. `id_digest` is the digest of the
/// token in the browser's cookie, never the token.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingLoginRow {
    pub id_digest: String,
    pub user_id: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Wrong codes entered so far.
    pub failures: i64,
}

impl std::fmt::Debug for PendingLoginRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingLoginRow")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

impl PendingLoginRow {
    pub(crate) const COLUMNS: &'static str = "id_digest, user_id, created_at, expires_at, failures";

    pub(crate) fn from_row(row: &AnyRow) -> Result<PendingLoginRow> {
        Ok(PendingLoginRow {
            id_digest: row.try_get("id_digest")?,
            user_id: row.try_get("user_id")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            failures: row.try_get("failures")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRow {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked: bool,
}

impl ApiTokenRow {
    pub(crate) const COLUMNS: &'static str =
        "id, org_id, user_id, name, created_at, last_used_at, revoked";

    pub(crate) fn from_row(row: &AnyRow) -> Result<ApiTokenRow> {
        Ok(ApiTokenRow {
            id: row.try_get("id")?,
            org_id: row.try_get("org_id")?,
            user_id: row.try_get("user_id")?,
            name: row.try_get("name")?,
            created_at: row.try_get("created_at")?,
            last_used_at: row.try_get("last_used_at")?,
            revoked: row.try_get::<i64, _>("revoked")? != 0,
        })
    }
}

/// An audit event to append. `fields` are names of changed fields, never values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// User id, or a system actor such as `cli` or `system:jobs`.
    pub actor: String,
    /// What happened, from the closed vocabulary. Stored events keep it as text (see `kluis_domain::actions`).
    pub action: kluis_domain::AuditAction,
    pub entity: String,
    pub entity_id: String,
    pub fields: Vec<String>,
    /// IP address or `cli`.
    pub origin: String,
}

/// A stored audit event.
pub type AuditEventRow = kluis_domain::audit::StoredAuditEvent;

pub(crate) const AUDIT_COLUMNS: &str =
    "org_id, seq, at_ms, actor, action, entity, entity_id, fields, origin, prev_hash, hash";

pub(crate) fn audit_from_row(row: &AnyRow) -> Result<AuditEventRow> {
    let fields: String = row.try_get("fields")?;
    Ok(AuditEventRow {
        seq: row.try_get("seq")?,
        org_id: row.try_get("org_id")?,
        at_ms: row.try_get("at_ms")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        entity: row.try_get("entity")?,
        entity_id: row.try_get("entity_id")?,
        // An unreadable field list is reported as an empty one: verification then flags the event as altered.
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        origin: row.try_get("origin")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// Filter for listing audit events, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    /// Inclusive lower bound, unix ms.
    pub from_ms: Option<i64>,
    /// Exclusive upper bound, unix ms.
    pub to_ms: Option<i64>,
    /// A free-text search, already resolved to ids and codes: an event matches if any part does.
    pub text: Option<AuditTextMatch>,
    pub limit: i64,
    pub offset: i64,
}

/// What a free-text audit search matched, as ids and codes the events carry (names are encrypted or in other
/// tables, so the application resolves the text first). Empty lists match nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditTextMatch {
    /// Actors (user ids, `cli`, `system:jobs`).
    pub actors: Vec<String>,
    pub actions: Vec<String>,
    /// Users the event is about (entity `user` or `membership`).
    pub users: Vec<String>,
    /// Documents the event is about (entity `document`).
    pub documents: Vec<String>,
    /// Any entity id, exactly (the text was an id).
    pub entity_ids: Vec<String>,
}

/// A pending invitation to join an organisation. The address and the typed name are encrypted; only the digest
/// of the link's token is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    pub id: String,
    pub org_id: String,
    pub token_digest: String,
    /// Blind index of the address, the same as `users.email_index`.
    pub email_index: String,
    pub email_enc: Vec<u8>,
    pub display_name_enc: Vec<u8>,
    pub role: Role,
    /// The user id of the member who invited.
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
}

impl InvitationRow {
    pub(crate) const COLUMNS: &'static str = "id, org_id, token_digest, email_index, email_enc, \
         display_name_enc, role, invited_by, created_at, expires_at";

    pub(crate) fn from_row(row: &AnyRow) -> Result<InvitationRow> {
        let id: String = row.try_get("id")?;
        let role: String = row.try_get("role")?;
        Ok(InvitationRow {
            role: stored("invitations", &id, "role", &role)?,
            org_id: row.try_get("org_id")?,
            token_digest: row.try_get("token_digest")?,
            email_index: row.try_get("email_index")?,
            email_enc: row.try_get("email_enc")?,
            display_name_enc: row.try_get("display_name_enc")?,
            invited_by: row.try_get("invited_by")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            id,
        })
    }
}
