//! The relations import and export module: customer files (CSV, XLSX) in, with mapping, preview and progress, and
//! an organisation's relations out to CSV and XLSX.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{Read, Write};

use super::Access::{ApiOrg, Org};
use super::{Module, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "relations_import",
    // Reached from the relations page.
    nav: None,
    routes: ROUTES,
    tables: kluis_store::RELATION_IMPORT_TABLES,
    audit_actions: &[
        AuditAction::RelationImportUpload,
        AuditAction::RelationImportStart,
        AuditAction::RelationImport,
        AuditAction::RelationExport,
    ],
    checks: &[],
};

// The preview is a POST (the mapping is a form), declared with `Write` like the upload it belongs to; it shows
// and stores nothing. Exports are reads (`Read`), audited as such.
static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/relations/import", Org, Some(Write)),
    route("POST", "/o/{org}/relations/import", Org, Some(Write)),
    route("GET", "/o/{org}/relations/import/{import}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/relations/import/{import}/preview",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/import/{import}/start",
        Org,
        Some(Write),
    ),
    route("GET", "/o/{org}/relations/export", Org, Some(Read)),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/imports",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/imports",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/imports/{import}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/imports/{import}/preview",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/imports/{import}/start",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/export",
        ApiOrg,
        Some(Read),
    ),
];
