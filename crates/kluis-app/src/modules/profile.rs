//! The register profile module: the organisation profile with its Art. 30(5) and Art. 37 wizards, and the
//! periodic review of the register with its sign-off (pages and API).

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read, ReadAudit};

use super::Access::{ApiOrg, Org};
use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "profile",
    nav: Some(NavEntry {
        label: "nav-profile",
        path: "/profile",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::PROFILE_TABLES,
    audit_actions: &[
        AuditAction::RegisterProfileUpdate,
        AuditAction::RegisterReviewSchedule,
        AuditAction::RegisterReviewSignOff,
        AuditAction::RegisterAuditorPack,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/profile", Org, Some(Read)),
    route("POST", "/o/{org}/profile", Org, Some(ManageRegister)),
    route("GET", "/o/{org}/profile/wizards/register", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/profile/wizards/register",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/profile/wizards/dpo", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/profile/wizards/dpo",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/reviews", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/reviews/auditor-pack",
        Org,
        Some(ReadAudit),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/auditor-pack",
        ApiOrg,
        Some(ReadAudit),
    ),
    route("POST", "/o/{org}/reviews", Org, Some(ManageRegister)),
    route(
        "POST",
        "/o/{org}/reviews/schedule",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/api/v1/orgs/{org}/profile", ApiOrg, Some(Read)),
    route(
        "PUT",
        "/api/v1/orgs/{org}/profile",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/profile/wizards/register",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/profile/wizards/dpo",
        ApiOrg,
        Some(ManageRegister),
    ),
    route("GET", "/api/v1/orgs/{org}/reviews", ApiOrg, Some(Read)),
    route(
        "POST",
        "/api/v1/orgs/{org}/reviews",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/reviews/schedule",
        ApiOrg,
        Some(ManageRegister),
    ),
];
