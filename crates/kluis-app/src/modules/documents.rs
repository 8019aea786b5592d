//! The documents module: upload, scan, findings, corrections, reveals, downloads and identifier search.

use kluis_domain::Permission::{Read, Write};

use super::Access::{ApiOrg, Org};
use kluis_domain::AuditAction;

use super::{
    CheckFuture, CheckOutcome, CheckStatus, ComplianceCheck, Module, NavEntry, RouteSpec, route,
};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "documents",
    nav: Some(NavEntry {
        label: "nav-documents",
        path: "/documents",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::DOCUMENT_TABLES,
    audit_actions: &[
        AuditAction::DocumentUpload,
        AuditAction::DocumentScan,
        AuditAction::DocumentDownload,
        AuditAction::DocumentCorrect,
        AuditAction::DocumentDeclassify,
        AuditAction::DocumentRescan,
        AuditAction::DocumentDelete,
        AuditAction::FindingReveal,
        AuditAction::IdentifierSearch,
    ],
    checks: &[ComplianceCheck {
        id: "documents.unreadable",
        needs: Read,
        run: unreadable_documents,
    }],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/documents", Org, Some(Read)),
    route("GET", "/o/{org}/documents/list", Org, Some(Read)),
    route("GET", "/o/{org}/documents/identifiers", Org, Some(Read)),
    route("POST", "/o/{org}/documents/identifiers", Org, Some(Read)),
    route("GET", "/o/{org}/documents/upload", Org, Some(Write)),
    route("POST", "/o/{org}/documents/upload", Org, Some(Write)),
    route("GET", "/o/{org}/documents/{document}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/documents/{document}/findings/{finding}/reveal",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/documents/{document}/correct",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/documents/{document}/rescan",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/documents/{document}/download",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/documents/{document}/delete",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/documents/{document}/delete",
        Org,
        Some(Write),
    ),
    route("GET", "/api/v1/orgs/{org}/documents", ApiOrg, Some(Read)),
    route("POST", "/api/v1/orgs/{org}/documents", ApiOrg, Some(Write)),
    route(
        "GET",
        "/api/v1/orgs/{org}/documents/overview",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/documents/{document}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PATCH",
        "/api/v1/orgs/{org}/documents/{document}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/documents/{document}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/documents/{document}/rescan",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/documents/{document}/content",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/documents/{document}/findings/{finding}/reveal",
        ApiOrg,
        Some(Read),
    ),
    route("POST", "/api/v1/orgs/{org}/identifiers", ApiOrg, Some(Read)),
];

/// Documents the scanner could not read in full: their personal data is unknown, so the register and any
/// request about a person may miss it.
fn unreadable_documents<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let count = app.db().documents(&actor.scope).not_scanned_count().await?;
        let count = u64::try_from(count).unwrap_or(0);
        Ok(CheckOutcome {
            check: "documents.unreadable",
            status: if count == 0 {
                CheckStatus::Ok
            } else {
                CheckStatus::Attention
            },
            count,
            label: "check-documents-unreadable",
            path: "/documents",
        })
    })
}
