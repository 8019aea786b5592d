//! The members module: who belongs to the organisation and with which role (pages and API).

use kluis_domain::Permission::ManageUsers;

use super::Access::{ApiOrg, Org};
use kluis_domain::AuditAction;

use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "users",
    nav: Some(NavEntry {
        label: "nav-users",
        path: "/users",
        needs: ManageUsers,
    }),
    routes: ROUTES,
    // Memberships are core: every module's access depends on them.
    tables: &[],
    audit_actions: &[
        AuditAction::MemberList,
        AuditAction::MemberRead,
        AuditAction::MemberRole,
        AuditAction::MemberRemove,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/users", Org, Some(ManageUsers)),
    route("POST", "/o/{org}/users", Org, Some(ManageUsers)),
    route("POST", "/o/{org}/users/{user}/role", Org, Some(ManageUsers)),
    route(
        "GET",
        "/o/{org}/users/{user}/remove",
        Org,
        Some(ManageUsers),
    ),
    route(
        "POST",
        "/o/{org}/users/{user}/reset",
        Org,
        Some(ManageUsers),
    ),
    route(
        "POST",
        "/o/{org}/users/{user}/remove",
        Org,
        Some(ManageUsers),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/members",
        ApiOrg,
        Some(ManageUsers),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/members",
        ApiOrg,
        Some(ManageUsers),
    ),
    route(
        "PATCH",
        "/api/v1/orgs/{org}/members/{user}",
        ApiOrg,
        Some(ManageUsers),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/members/{user}",
        ApiOrg,
        Some(ManageUsers),
    ),
];
