//! The retention module: the review list, legal holds, relations' start events, deletion runs and certificates.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read, Write};
use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};

use super::Access::{ApiOrg, Org};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "retention",
    nav: Some(NavEntry {
        label: "nav-retention",
        path: "/retention",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::RETENTION_TABLES,
    audit_actions: &[
        AuditAction::RetentionHoldPlace,
        AuditAction::RetentionHoldLift,
        AuditAction::RetentionEventsSet,
        AuditAction::RetentionSettings,
        AuditAction::RetentionPropose,
        AuditAction::RetentionApprove,
        AuditAction::RetentionCarryOut,
    ],
    checks: &[ComplianceCheck {
        id: "retention.documents_due",
        needs: Read,
        run: documents_due,
    }],
};

// Placing a hold is open to every writer (it only stops deletions); lifting one, changing the settings and
// proposing, approving and carrying out deletions are the privacy lead's (`ManageRegister`).
static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/retention", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/retention/settings",
        Org,
        Some(ManageRegister),
    ),
    route("POST", "/o/{org}/retention/runs", Org, Some(ManageRegister)),
    route("GET", "/o/{org}/retention/runs/{run}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/retention/runs/{run}/approve",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/retention/runs/{run}/carry-out",
        Org,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/o/{org}/retention/runs/{run}/certificate",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/retention/runs/{run}/certificate.json",
        Org,
        Some(Read),
    ),
    route(
        "GET",
        "/o/{org}/retention/relations/{relation}",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/retention/relations/{relation}/events",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/retention/relations/{relation}/hold",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/retention/documents/{document}/hold",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/retention/holds/{hold}/lift",
        Org,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/retention/review",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/retention/holds",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/retention/holds",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/retention/holds/{hold}/lift",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/retention/relations/{relation}/events",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/retention/runs",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/retention/runs",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/retention/runs/{run}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/retention/runs/{run}/approve",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/retention/runs/{run}/carry-out",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/retention/runs/{run}/certificate",
        ApiOrg,
        Some(Read),
    ),
];

/// Documents kept past their retention are a finding linked to the review list: keeping personal data longer
/// than needed breaks Art. 5(1)(e). Names no document: the count and the earliest due date.
fn documents_due<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let due = app.retention_documents_due(actor).await?;
        let Some(first) = due.iter().filter_map(|l| l.item.due).min() else {
            return Ok(Vec::new());
        };
        Ok(vec![
            Finding::new(
                "retention.documents_due",
                Severity::High,
                "Art. 5(1)(e)",
                Step::Inventory,
                Subject::Module {
                    module: "retention".into(),
                },
                Fix::Page {
                    path: "/retention".into(),
                },
            )
            .arg("count", due.len())
            .arg("since", first),
        ])
    })
}
