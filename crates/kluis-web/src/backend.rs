//! Temporary stand-in for kluis-app's API while that crate is being written; replaced by re-exports.
#![allow(dead_code, unused_variables, clippy::unused_async)]

use kluis_domain::Role;

#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    Unauthenticated,
    Invalid { field: String, message: String },
    Conflict(String),
    Throttled { retry_after_secs: u64 },
    Setup(String),
    Internal(anyhow::Error),
}
pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Nl,
    En,
}
#[derive(Debug, Clone)]
pub struct Origin {
    pub ip: String,
    pub user_agent: String,
}
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub org_id: String,
    pub org_slug: String,
    pub role: Role,
}
#[derive(Debug, Clone)]
pub struct SetupInput {
    pub org_name: String,
    pub owner_name: String,
    pub owner_email: String,
    pub owner_password: String,
}
pub enum LoginOutcome {
    NewSession { token: String, csrf_token: String },
    TotpRequired,
}
#[derive(Debug, Clone)]
pub struct UserSummary {
    pub id: String,
    pub email: String,
    pub name: String,
    pub totp_enabled: bool,
}
#[derive(Debug, Clone)]
pub struct OrgSummary {
    pub id: String,
    pub slug: String,
    pub name: String,
}
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub user: UserSummary,
    pub csrf_token: String,
    pub current_org: Option<String>,
    pub memberships: Vec<(OrgSummary, Role)>,
    pub locale: Option<Locale>,
}
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}
#[derive(Debug, Clone)]
pub struct NewMember {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password: Option<String>,
}
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub page: u32,
    pub per_page: u32,
}
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub fields: Vec<String>,
    pub origin: String,
}
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub total: u64,
}
pub enum AuditVerification {
    Ok { events: u64 },
    Broken { seq: i64, reason: String },
}
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub secret: String,
    pub otpauth_uri: String,
}
#[derive(Debug, Clone)]
pub struct ApiTokenInfo {
    pub id: String,
    pub name: String,
    pub created_at_ms: i64,
}
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub id: String,
    pub token: String,
}

#[derive(Clone)]
pub struct App;

fn nope<T>() -> AppResult<T> {
    Err(AppError::Internal(anyhow::anyhow!("kluis-app not wired yet")))
}

impl App {
    pub async fn ready(&self) -> bool {
        false
    }
    pub async fn needs_setup(&self) -> AppResult<bool> {
        nope()
    }
    pub async fn setup(&self, input: SetupInput, origin: &Origin) -> AppResult<Actor> {
        nope()
    }
    pub async fn login(&self, email: &str, password: &str, totp: Option<&str>, origin: &Origin) -> AppResult<LoginOutcome> {
        nope()
    }
    pub async fn session(&self, token: &str) -> AppResult<Option<SessionInfo>> {
        nope()
    }
    pub async fn logout(&self, token: &str) -> AppResult<()> {
        nope()
    }
    pub async fn switch_org(&self, token: &str, org_slug: &str) -> AppResult<()> {
        nope()
    }
    pub async fn actor(&self, user_id: &str, org_slug: &str, origin: &Origin) -> AppResult<Actor> {
        nope()
    }
    pub async fn actor_from_api_token(&self, token: &str, origin: &Origin) -> AppResult<Actor> {
        nope()
    }
    pub async fn members(&self, actor: &Actor) -> AppResult<Vec<Member>> {
        nope()
    }
    pub async fn add_member(&self, actor: &Actor, input: NewMember) -> AppResult<Member> {
        nope()
    }
    pub async fn change_role(&self, actor: &Actor, user_id: &str, role: Role) -> AppResult<()> {
        nope()
    }
    pub async fn remove_member(&self, actor: &Actor, user_id: &str) -> AppResult<()> {
        nope()
    }
    pub async fn change_password(&self, user_id: &str, current: &str, new: &str, origin: &Origin) -> AppResult<()> {
        nope()
    }
    pub async fn set_locale(&self, user_id: &str, locale: Locale) -> AppResult<()> {
        nope()
    }
    pub async fn totp_begin(&self, user_id: &str) -> AppResult<TotpEnrolment> {
        nope()
    }
    pub async fn totp_confirm(&self, user_id: &str, code: &str, origin: &Origin) -> AppResult<()> {
        nope()
    }
    pub async fn totp_disable(&self, user_id: &str, password: &str, origin: &Origin) -> AppResult<()> {
        nope()
    }
    pub async fn create_api_token(&self, actor: &Actor, name: &str) -> AppResult<NewApiToken> {
        nope()
    }
    pub async fn api_tokens(&self, actor: &Actor) -> AppResult<Vec<ApiTokenInfo>> {
        nope()
    }
    pub async fn revoke_api_token(&self, actor: &Actor, id: &str) -> AppResult<()> {
        nope()
    }
    pub async fn audit_events(&self, actor: &Actor, filter: AuditFilter) -> AppResult<AuditPage> {
        nope()
    }
    pub async fn verify_audit(&self, actor: &Actor) -> AppResult<AuditVerification> {
        nope()
    }
}
