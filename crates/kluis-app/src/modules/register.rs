//! The register module: processing activities (Art. 30) with their starter library, versions and history.

use kluis_domain::Permission::{ManageRegister, Read};

use super::Access::{ApiOrg, Org};
use kluis_domain::AuditAction;

use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "register",
    nav: Some(NavEntry {
        label: "nav-register",
        path: "/register",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::ACTIVITY_TABLES,
    audit_actions: &[
        AuditAction::RegisterActivityCreate,
        AuditAction::RegisterActivityUpdate,
        AuditAction::RegisterActivityStatus,
        AuditAction::RegisterActivityDelete,
        AuditAction::RegisterExport,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/register", Org, Some(Read)),
    route("POST", "/o/{org}/register/export", Org, Some(Read)),
    route(
        "GET",
        "/api/v1/orgs/{org}/register/export",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/register/library",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/register/activities",
        Org,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/o/{org}/register/activities/{activity}",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/register/activities/{activity}",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/register/activities/{activity}/status",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/register/activities/{activity}/delete",
        Org,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/o/{org}/register/activities/{activity}/history",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/register/activities",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/register/activities",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/register/activities/{activity}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/register/activities/{activity}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/register/activities/{activity}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/register/activities/{activity}/status",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/register/activities/{activity}/history",
        ApiOrg,
        Some(Read),
    ),
];
