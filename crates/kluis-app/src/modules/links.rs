//! The links module: documents linked to relations (matched through the blind index, corrected by hand), the
//! register as it applies to one relation, and a relation's timeline.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{Read, Write};

use super::Access::{ApiOrg, Org};
use super::{Module, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "links",
    nav: None,
    routes: ROUTES,
    tables: kluis_store::LINK_TABLES,
    audit_actions: &[
        AuditAction::RelationLinkConfirm,
        AuditAction::RelationLinkAdd,
        AuditAction::RelationLinkRemove,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route(
        "GET",
        "/o/{org}/relations/{relation}/documents",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/documents/{document}/confirm",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/documents/{document}/remove",
        Org,
        Some(Write),
    ),
    route(
        "GET",
        "/o/{org}/relations/{relation}/processing",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/relations/{relation}/timeline",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/documents/{document}/people",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/documents/{document}/people/search",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/documents",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/relations/{relation}/documents/{document}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/relations/{relation}/documents/{document}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/processing",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/timeline",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/documents/{document}/people",
        ApiOrg,
        Some(Read),
    ),
];
