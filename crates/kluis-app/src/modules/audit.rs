//! The audit module: the organisation's hash-chained log and its verification (pages and API).

use kluis_domain::Permission::ReadAudit;

use super::Access::{ApiOrg, Org};
use kluis_domain::AuditAction;

use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "audit",
    nav: Some(NavEntry {
        label: "nav-audit",
        path: "/audit",
        needs: ReadAudit,
    }),
    routes: ROUTES,
    // The audit chain is core: every module appends to it.
    tables: &[],
    audit_actions: &[
        AuditAction::AuditVerifyOk,
        AuditAction::AuditVerifyBroken,
        AuditAction::AuditCheckpoint,
        AuditAction::AuditRekey,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/audit", Org, Some(ReadAudit)),
    route("POST", "/o/{org}/audit/verify", Org, Some(ReadAudit)),
    route("POST", "/o/{org}/audit/search", Org, Some(ReadAudit)),
    route("POST", "/o/{org}/audit/checkpoint", Org, Some(ReadAudit)),
    route(
        "POST",
        "/o/{org}/audit/checkpoint/verify",
        Org,
        Some(ReadAudit),
    ),
    route("GET", "/api/v1/orgs/{org}/audit", ApiOrg, Some(ReadAudit)),
    route(
        "POST",
        "/api/v1/orgs/{org}/audit/search",
        ApiOrg,
        Some(ReadAudit),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/audit/verify",
        ApiOrg,
        Some(ReadAudit),
    ),
];
