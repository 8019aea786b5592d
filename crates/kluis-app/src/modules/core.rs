//! The core module: health, static files, setup, login, the dashboard, one's own account, and the tables every
//! other module builds on (organisations, users, memberships, sessions, tokens, jobs, settings).

use kluis_domain::Permission::Read;

use super::Access::{Api, Org, Public, Session};
use kluis_domain::AuditAction;

use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "dashboard",
    nav: Some(NavEntry {
        label: "nav-dashboard",
        path: "",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::CORE_TABLES,
    audit_actions: &[
        AuditAction::OrgCreate,
        AuditAction::UserCreate,
        AuditAction::MemberAdd,
        AuditAction::LoginSuccess,
        AuditAction::LoginFailure,
        AuditAction::Logout,
        AuditAction::UserPassword,
        AuditAction::UserPasswordResetLink,
        AuditAction::UserLocale,
        AuditAction::UserTotpEnable,
        AuditAction::UserTotpDisable,
        AuditAction::ApiTokenCreate,
        AuditAction::ApiTokenRevoke,
        AuditAction::KeysRotate,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/healthz", Public, None),
    route("GET", "/readyz", Public, None),
    route("GET", "/static/{file}", Public, None),
    route("GET", "/", Public, None),
    route("GET", "/setup", Public, None),
    route("POST", "/setup", Public, None),
    route("GET", "/login", Public, None),
    route("POST", "/login", Public, None),
    route("POST", "/login/totp", Public, None),
    route("POST", "/lang", Public, None),
    route("POST", "/logout", Session, None),
    route("POST", "/switch", Session, None),
    route("GET", "/account", Session, None),
    route("GET", "/orgs/new", Session, None),
    route("GET", "/portfolio", Session, None),
    route("POST", "/orgs/new", Session, None),
    route("GET", "/password-reset/{token}", Public, None),
    route("POST", "/password-reset/{token}", Public, None),
    route("GET", "/o/{org}", Org, Some(Read)),
    route("GET", "/o/{org}/account", Org, Some(Read)),
    route("POST", "/o/{org}/account/password", Org, Some(Read)),
    route("POST", "/o/{org}/account/locale", Org, Some(Read)),
    route("POST", "/o/{org}/account/totp", Org, Some(Read)),
    route("POST", "/o/{org}/account/totp/confirm", Org, Some(Read)),
    route("POST", "/o/{org}/account/totp/disable", Org, Some(Read)),
    route("POST", "/o/{org}/account/tokens", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/account/tokens/{token}/revoke",
        Org,
        Some(Read),
    ),
    route("GET", "/api/v1/openapi.json", Public, None),
    route("GET", "/api/v1/me", Api, None),
];
