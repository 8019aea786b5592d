//! The values the use cases take and return: what web pages, the API and the CLI show or submit.

use std::fmt;
use std::str::FromStr;

use kluis_domain::Role;
use kluis_domain::audit::BreakReason;
use kluis_store::OrgScope;
use serde::{Deserialize, Serialize};

/// A user's id (a uuid). Users are global; memberships tie them to organisations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub String);

impl UserId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for UserId {
    fn from(s: String) -> Self {
        UserId(s)
    }
}

/// Where a request came from. Only the IP (or `cli`/`system:jobs`) goes into the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub ip: String,
    pub user_agent: Option<String>,
}

impl Origin {
    pub fn new(ip: impl Into<String>, user_agent: Option<String>) -> Origin {
        Origin {
            ip: ip.into(),
            user_agent,
        }
    }

    /// The command line on the server.
    pub fn cli() -> Origin {
        Origin {
            ip: "cli".into(),
            user_agent: None,
        }
    }

    /// Background jobs.
    pub fn jobs() -> Origin {
        Origin {
            ip: "system:jobs".into(),
            user_agent: None,
        }
    }
}

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nl,
    En,
}

impl Locale {
    pub const ALL: &'static [Locale] = &[Locale::Nl, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A locale name that Kluis does not offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale;

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language: expected nl or en")
    }
}

impl std::error::Error for UnknownLocale {}

impl FromStr for Locale {
    type Err = UnknownLocale;
    /// Accepts `nl`, `en` and region forms such as `nl-BE`, `en_GB`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lang = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "nl" => Ok(Locale::Nl),
            "en" => Ok(Locale::En),
            _ => Err(UnknownLocale),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub id: String,
    /// URL name, unique.
    pub slug: String,
    pub name: String,
}

impl From<kluis_store::OrgRow> for OrgSummary {
    fn from(o: kluis_store::OrgRow) -> Self {
        OrgSummary {
            id: o.id,
            slug: o.slug,
            name: o.name,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    /// Decrypted e-mail address. Personal data: show it, never log it.
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub totp_enabled: bool,
}

/// A member of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user: UserSummary,
    pub role: Role,
    pub joined_at_ms: i64,
}

/// An authenticated user acting in one organisation, with the role they hold there. Obtained only from
/// [`crate::App::actor`], [`crate::App::actor_from_api_token`] or [`crate::App::setup`] (it cannot be built
/// elsewhere), so holding one proves the membership check passed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Actor {
    pub user_id: UserId,
    pub org: OrgSummary,
    pub role: Role,
    pub scope: OrgScope,
    pub origin: Origin,
}

impl Actor {
    pub(crate) fn new(
        user_id: UserId,
        org: OrgSummary,
        role: Role,
        scope: OrgScope,
        origin: Origin,
    ) -> Actor {
        Actor {
            user_id,
            org,
            role,
            scope,
            origin,
        }
    }

    /// Whether this actor's role grants `permission`.
    pub fn can(&self, permission: kluis_domain::Permission) -> bool {
        self.role.allows(permission)
    }
}

/// First organisation and its owner, for the set-up page or `kluis setup`.
#[derive(Debug, Clone)]
pub struct SetupInput {
    pub org_slug: String,
    pub org_name: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub locale: Locale,
}

/// Result of a login attempt that passed the password check.
#[derive(Debug, Clone)]
pub enum LoginOutcome {
    /// Signed in. Put `token` in an HttpOnly cookie; `csrf_token` goes into forms.
    NewSession {
        token: String,
        csrf_token: String,
        user: UserSummary,
        expires_at_ms: i64,
    },
    /// The password was right but the account has two-factor authentication. Put `pending_token` in an
    /// HttpOnly cookie, ask for the code and call `login_totp` with both; the password is not needed again.
    TotpRequired {
        pending_token: String,
        expires_at_ms: i64,
    },
}

/// A live session, for each request.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub user: UserSummary,
    pub csrf_token: String,
    /// The organisation the user works in now (`None` if they belong to none).
    pub current_org: Option<OrgSummary>,
    /// Role in the current organisation.
    pub current_role: Option<Role>,
    /// Every organisation the user belongs to, with their role there, ordered by slug.
    pub memberships: Vec<(OrgSummary, Role)>,
    /// The checked scope of each membership, in the same order (crate-private: only a session lookup makes them).
    pub(crate) scopes: Vec<OrgScope>,
    pub locale: Locale,
    pub expires_at_ms: i64,
}

/// A new TOTP secret to show as a QR code (the `otpauth://` URI) and as text.
#[derive(Debug, Clone)]
pub struct TotpEnrollment {
    pub secret: String,
    pub uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenSummary {
    pub id: String,
    pub name: String,
    pub user_id: UserId,
    pub created_at_ms: i64,
    pub last_used_at_ms: Option<i64>,
    pub revoked: bool,
}

impl From<kluis_store::ApiTokenRow> for ApiTokenSummary {
    fn from(t: kluis_store::ApiTokenRow) -> Self {
        ApiTokenSummary {
            id: t.id,
            name: t.name,
            user_id: UserId(t.user_id),
            created_at_ms: t.created_at,
            last_used_at_ms: t.last_used_at,
            revoked: t.revoked,
        }
    }
}

/// Which audit events to list. `page` starts at 1; `per_page` defaults to 50 and is capped at 500.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// A user id, `cli` or `system:jobs`.
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    /// Inclusive, unix ms.
    pub from_ms: Option<i64>,
    /// Exclusive, unix ms.
    pub to_ms: Option<i64>,
    /// Free text: matches an actor's or subject's name (people, documents), an action code or an id. Names
    /// are decrypted for it, so a search is audited as `member.list`.
    pub text: Option<String>,
    /// Action codes whose words, in the reader's language, contain `text` (the caller's i18n layer knows the
    /// words; the application knows only codes).
    pub text_actions: Vec<String>,
    /// Also give each event the display name of its actor and the name of its subject (decrypting names, so
    /// the listing is audited as `member.list`).
    pub with_names: bool,
    pub page: u32,
    pub per_page: u32,
}

/// One audit event as shown to auditors: who, what, which fields, never values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    /// The actor's display name, when asked for ([`AuditFilter::with_names`]) and the actor is a person.
    pub actor_name: Option<String>,
    /// The subject's name (a person's display name, a document's path, an organisation's or API token's name),
    /// when asked for and known.
    pub subject_name: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub fields: Vec<String>,
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub events: Vec<AuditEntry>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// Outcome of checking an organisation's audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditVerification {
    /// Every event links to the one before and matches its hash.
    Ok { events: u64 },
    /// The first event that does not verify, and why.
    Broken { seq: i64, reason: BreakReason },
}

impl AuditVerification {
    pub fn is_ok(&self) -> bool {
        matches!(self, AuditVerification::Ok { .. })
    }
}

impl fmt::Display for AuditVerification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditVerification::Ok { events } => write!(f, "intact ({events} events)"),
            AuditVerification::Broken { seq, reason } => {
                let why = match reason {
                    BreakReason::ContentAltered => "its content was altered",
                    BreakReason::LinkBroken => {
                        "it does not link to the event before it (an event was replaced)"
                    }
                    BreakReason::SequenceGap => "events are missing or were inserted",
                    BreakReason::CheckpointMismatch => {
                        "it no longer holds the event the checkpoint recorded (events were cut off or rewritten)"
                    }
                };
                write!(f, "broken at event {seq}: {why}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationReport {
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// Versions applied now.
    pub applied: Vec<i64>,
    pub schema_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotationReport {
    /// Key versions that existed before (now retired).
    pub retired_versions: Vec<u32>,
    pub new_version: u32,
    /// Encrypted values rewritten under the new key.
    pub reencrypted: u64,
    pub key_fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupReport {
    pub file: std::path::PathBuf,
    pub rows: u64,
    pub blobs: u64,
    pub bytes: u64,
    pub schema_version: i64,
    /// Which key the backup needs (never the key itself).
    pub key_fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    pub rows: u64,
    pub blobs: u64,
    pub schema_version: i64,
    pub key_fingerprint: String,
}

/// A claimed background job, handed to its handler.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub org_id: Option<String>,
    pub payload: serde_json::Value,
    /// 1 for the first run.
    pub attempt: i64,
}
