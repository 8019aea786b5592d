//! The relations module: persons and companies, their kinds and fields, search through the blind index, reveals.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{Read, Write};

use super::Access::{ApiOrg, Org};
use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "relations",
    nav: Some(NavEntry {
        label: "nav-relations",
        path: "/relations",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::RELATION_TABLES,
    audit_actions: &[
        AuditAction::RelationCreate,
        AuditAction::RelationUpdate,
        AuditAction::RelationDelete,
        AuditAction::RelationReveal,
        AuditAction::RelationSearch,
        AuditAction::RelationNoteAdd,
    ],
    checks: &[],
};

// Revealing a field is declared with `Read`: the use case asks for RevealSensitive on special-category and
// national-ID fields (the documents module's rule), so the route itself is open to every reader.
static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/relations", Org, Some(Read)),
    route("POST", "/o/{org}/relations/search", Org, Some(Read)),
    route("GET", "/o/{org}/relations/new", Org, Some(Write)),
    route("POST", "/o/{org}/relations", Org, Some(Write)),
    route("GET", "/o/{org}/relations/{relation}", Org, Some(Read)),
    route("POST", "/o/{org}/relations/{relation}", Org, Some(Write)),
    route(
        "POST",
        "/o/{org}/relations/{relation}/reveal/{field}",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/notes",
        Org,
        Some(Write),
    ),
    route(
        "GET",
        "/o/{org}/relations/{relation}/delete",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/delete",
        Org,
        Some(Write),
    ),
    route("GET", "/api/v1/orgs/{org}/relations", ApiOrg, Some(Read)),
    route("POST", "/api/v1/orgs/{org}/relations", ApiOrg, Some(Write)),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/search",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/notes",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/notes",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/reveal/{field}",
        ApiOrg,
        Some(Read),
    ),
];
