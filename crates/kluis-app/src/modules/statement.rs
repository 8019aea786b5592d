//! The privacy-statement module: the statement generated from the register, its published versions, and the
//! public page per organisation.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read};

use super::Access::{ApiOrg, Org, Public};
use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "statement",
    nav: Some(NavEntry {
        label: "nav-statement",
        path: "/statement",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::STATEMENT_TABLES,
    audit_actions: &[AuditAction::StatementPublish],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/statement", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/statement/publish",
        Org,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/o/{org}/statement/versions/{version}",
        Org,
        Some(Read),
    ),
    route("GET", "/p/{slug}/privacy", Public, None),
    route("GET", "/p/{slug}/privacy/{version}", Public, None),
    route("GET", "/api/v1/orgs/{org}/statement", ApiOrg, Some(Read)),
    route(
        "POST",
        "/api/v1/orgs/{org}/statement/publish",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/statement/versions/{version}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/statement/versions/{version}/pdf",
        ApiOrg,
        Some(Read),
    ),
];
