//! The recipients module: processors and other recipients, processing agreements and staff measures.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read};

use super::Access::{ApiOrg, Org};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};
use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};

pub(super) static MODULE: Module = Module {
    id: "recipients",
    nav: Some(NavEntry {
        label: "nav-recipients",
        path: "/recipients",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::RECIPIENT_TABLES,
    audit_actions: &[
        AuditAction::RegisterRecipientCreate,
        AuditAction::RegisterRecipientUpdate,
        AuditAction::RegisterRecipientDelete,
        AuditAction::RegisterAgreementAdd,
        AuditAction::RegisterAgreementUpdate,
        AuditAction::RegisterAgreementRemove,
        AuditAction::RegisterStaffMeasureAdd,
        AuditAction::RegisterStaffMeasureRemove,
    ],
    checks: &[ComplianceCheck {
        id: "recipients.agreement_expiring",
        needs: Read,
        run: agreements_expiring,
    }],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/recipients", Org, Some(Read)),
    route("POST", "/o/{org}/recipients", Org, Some(ManageRegister)),
    route("GET", "/o/{org}/recipients/{recipient}", Org, Some(Read)),
    route(
        "GET",
        "/o/{org}/recipients/{recipient}/history",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/delete",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements/{agreement}",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements/{agreement}/remove",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/staff-measures", Org, Some(Read)),
    route("POST", "/o/{org}/staff-measures", Org, Some(ManageRegister)),
    route(
        "POST",
        "/o/{org}/staff-measures/{measure}/remove",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/api/v1/orgs/{org}/recipients", ApiOrg, Some(Read)),
    route(
        "POST",
        "/api/v1/orgs/{org}/recipients",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/recipients/{recipient}/history",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/staff-measures",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/staff-measures",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/staff-measures/{measure}",
        ApiOrg,
        Some(ManageRegister),
    ),
];

/// Agreements that end or are due for review within 60 days: renew or review them before they lapse (the
/// register's rules report agreements that are missing, incomplete or expired, and transfers).
fn agreements_expiring<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let n = app.agreements_expiring(&actor.scope).await?;
        if n == 0 {
            return Ok(Vec::new());
        }
        Ok(vec![
            Finding::new(
                "recipients.agreement_expiring",
                Severity::Low,
                "Art. 28(3)",
                Step::Agreements,
                Subject::Module {
                    module: "recipients".into(),
                },
                Fix::Recipients,
            )
            .arg("count", n),
        ])
    })
}
