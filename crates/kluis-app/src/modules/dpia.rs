//! The DPIA module (Art. 35-36): screening activities, the assessments in the CNIL method's structure with their
//! versions, and the exchange with the CNIL's PIA tool.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read};

use super::Access::{ApiOrg, Org};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "dpia",
    nav: Some(NavEntry {
        label: "dpia-page-nav",
        path: "/dpia",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::DPIA_TABLES,
    audit_actions: &[
        AuditAction::DpiaScreen,
        AuditAction::DpiaCreate,
        AuditAction::DpiaUpdate,
        AuditAction::DpiaValidate,
        AuditAction::DpiaImport,
        AuditAction::DpiaExport,
    ],
    checks: &[ComplianceCheck {
        id: "dpia",
        needs: Read,
        run: findings,
    }],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/dpia", Org, Some(Read)),
    route("POST", "/o/{org}/dpia", Org, Some(ManageRegister)),
    route("POST", "/o/{org}/dpia/import", Org, Some(ManageRegister)),
    route("GET", "/o/{org}/dpia/screening/{activity}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/dpia/screening/{activity}",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/dpia/{dpia}", Org, Some(Read)),
    route("POST", "/o/{org}/dpia/{dpia}", Org, Some(ManageRegister)),
    route(
        "POST",
        "/o/{org}/dpia/{dpia}/validate",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/dpia/{dpia}/export", Org, Some(Read)),
    route("GET", "/api/v1/orgs/{org}/dpias", ApiOrg, Some(Read)),
    route(
        "POST",
        "/api/v1/orgs/{org}/dpias",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/dpias/import",
        ApiOrg,
        Some(ManageRegister),
    ),
    route("GET", "/api/v1/orgs/{org}/dpias/{dpia}", ApiOrg, Some(Read)),
    route(
        "PATCH",
        "/api/v1/orgs/{org}/dpias/{dpia}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/dpias/{dpia}/validate",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/dpias/{dpia}/versions",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/dpias/{dpia}/export",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/dpia-screenings/{activity}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/dpia-screenings/{activity}",
        ApiOrg,
        Some(ManageRegister),
    ),
];

/// Activities screened as requiring a DPIA without one validated, DPIAs past their review date and high
/// residual risk without prior consultation (Art. 35-36); see [`App::dpia_findings`].
fn findings<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move { app.dpia_findings(actor).await })
}
