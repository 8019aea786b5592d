//! The members module: who belongs to the organisation and with which role, and the invitations that bring
//! people in (pages and API).

use kluis_domain::Permission::ManageUsers;

use super::Access::{ApiOrg, Org, Public};
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
    // Memberships are core (every module's access depends on them); pending invitations are this module's.
    tables: kluis_store::INVITATION_TABLES,
    audit_actions: &[
        AuditAction::MemberList,
        AuditAction::MemberRead,
        AuditAction::MemberRole,
        AuditAction::MemberRemove,
        AuditAction::MemberInvite,
        AuditAction::MemberInviteAccept,
        AuditAction::MemberInviteRevoke,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/users", Org, Some(ManageUsers)),
    route("POST", "/o/{org}/users/invitations", Org, Some(ManageUsers)),
    route(
        "POST",
        "/o/{org}/users/invitations/{invitation}/revoke",
        Org,
        Some(ManageUsers),
    ),
    // The invitee's link: the token is the authority, so it needs no login (see `App::invitation_view`).
    route("GET", "/invite/{token}", Public, None),
    route("POST", "/invite/{token}", Public, None),
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
        "GET",
        "/api/v1/orgs/{org}/invitations",
        ApiOrg,
        Some(ManageUsers),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/invitations",
        ApiOrg,
        Some(ManageUsers),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/invitations/{invitation}",
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
